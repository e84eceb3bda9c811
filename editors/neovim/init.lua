-- SPDX-License-Identifier: MIT
-- cowpte for Neovim 0.7 or newer, with Neovim's built-in LSP client and no plugins.
-- Copy this into your init.lua (or :luafile it). It needs Java 17+ and cowpte.jar
-- (mvn -pl server -am package builds server/target/cowpte.jar); set COWPTE_JAR to its path,
-- or edit the default below.
--
-- Then open a .cowpte file: failed expectations show as diagnostics as you type (:lua
-- vim.diagnostic.setloclist() lists them), K (vim.lsp.buf.hover) on an address such as
-- buf[0] shows its page walk with each table's refcount and sharers. Completion is the LSP
-- omnifunc (<C-x><C-o>), code lenses (a fork's cost under each policy) are refreshed after
-- each run, <leader>ca offers quick fixes, :CowpteCompare [POLICIES] shows `cowpte compare` of
-- the buffer in a split and :CowpteReport [POLICIES] writes its HTML report and opens it.
-- Highlighting is syntax/cowpte.vim beside this file (copy it to ~/.config/nvim/syntax/).

local cowpte_jar = os.getenv('COWPTE_JAR') or vim.fn.expand('~/cowpte/server/target/cowpte.jar')

-- syntax/cowpte.vim beside this file, when it is there (else copy it into a syntax/ directory)
local here = (debug.getinfo(1, 'S').source:match('^@(.*/)') or '')
if here ~= '' and vim.fn.filereadable(here .. 'syntax/cowpte.vim') == 1 then
  vim.opt.runtimepath:append(here)
end

-- *.cowpte files are filetype cowpte
vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
  pattern = '*.cowpte',
  callback = function() vim.bo.filetype = 'cowpte' end,
})

local cowpte_config = {
  name = 'cowpte',
  cmd = { 'java', '-Xmx256m', '-jar', cowpte_jar, 'lsp' },
  -- settings: defaultPolicy, runTrigger (onChange | onSave | never), debounceMs, stepBudget
  init_options = { cowpte = { runTrigger = 'onChange', debounceMs = 250 } },
  handlers = {
    -- after each run: the code lenses (each fork's cost under the other policies) are new
    ['cowpte/runSummary'] = function()
      pcall(vim.lsp.codelens.refresh)
    end,
  },
}

local cowpte_client_id = nil
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'cowpte',
  callback = function(args)
    vim.bo[args.buf].commentstring = '# %s'
    local root = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(args.buf), ':p:h')
    if vim.lsp.start then -- Neovim 0.8+: one client per root, reused
      vim.lsp.start(vim.tbl_extend('force', cowpte_config, { root_dir = root }), { bufnr = args.buf })
      return
    end
    -- Neovim 0.7: start one client, attach every cowpte buffer to it
    if cowpte_client_id == nil or vim.lsp.get_client_by_id(cowpte_client_id) == nil then
      cowpte_client_id = vim.lsp.start_client(vim.tbl_extend('force', cowpte_config, { root_dir = root }))
    end
    if cowpte_client_id then
      vim.lsp.buf_attach_client(args.buf, cowpte_client_id)
    end
  end,
})

-- Keys in cowpte buffers (the usual LSP ones; change to taste)
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'cowpte',
  callback = function(args)
    local o = { buffer = args.buf }
    vim.keymap.set('n', 'K', vim.lsp.buf.hover, o)
    vim.keymap.set('n', 'gd', vim.lsp.buf.definition, o)
    vim.keymap.set('n', 'gr', vim.lsp.buf.references, o)
    vim.keymap.set('n', '<leader>rn', vim.lsp.buf.rename, o)
    vim.keymap.set('n', ']d', vim.diagnostic.goto_next, o)
    vim.keymap.set('n', '[d', vim.diagnostic.goto_prev, o)
    vim.keymap.set('n', '<leader>ca', vim.lsp.buf.code_action, o)
    vim.keymap.set('n', '<leader>cl', vim.lsp.codelens.run, o)
    vim.bo[args.buf].omnifunc = 'v:lua.vim.lsp.omnifunc'
  end,
})

-- :CowpteCompare [POLICIES] and :CowpteReport [POLICIES] (comma-separated, default: all)
local function cowpte_command(command, policies, done)
  local buf = vim.api.nvim_get_current_buf()
  local args = { vim.uri_from_bufnr(buf) }
  if policies and policies ~= '' then table.insert(args, policies) end
  vim.lsp.buf_request(buf, 'workspace/executeCommand', { command = command, arguments = args },
    function(err, result)
      if err then
        vim.notify('cowpte: ' .. (err.message or tostring(err)), vim.log.levels.ERROR)
      else
        done(result)
      end
    end)
end

vim.api.nvim_create_user_command('CowpteCompare', function(o)
  cowpte_command('cowpte.compare', o.args, function(text)
    vim.cmd('botright new')
    local b = vim.api.nvim_get_current_buf()
    vim.bo[b].buftype, vim.bo[b].bufhidden, vim.bo[b].swapfile = 'nofile', 'wipe', false
    vim.api.nvim_buf_set_lines(b, 0, -1, false, vim.split(text, '\n', { plain = true }))
    vim.bo[b].modifiable = false
    vim.wo.wrap = false
    vim.api.nvim_buf_set_name(b, 'cowpte compare')
  end)
end, { nargs = '?' })

vim.api.nvim_create_user_command('CowpteReport', function(o)
  cowpte_command('cowpte.report', o.args, function(report)
    local path = vim.fn.stdpath('cache') .. '/cowpte-report.html'
    vim.fn.mkdir(vim.fn.fnamemodify(path, ':h'), 'p')
    local f = assert(io.open(path, 'w'))
    f:write(report.html)
    f:close()
    local opener = vim.fn.has('mac') == 1 and 'open' or 'xdg-open'
    if vim.fn.executable(opener) == 1 and os.getenv('COWPTE_NO_BROWSER') == nil then
      vim.fn.jobstart({ opener, path }, { detach = true })
    end
    vim.notify('cowpte: report written to ' .. path)
  end)
end, { nargs = '?' })
