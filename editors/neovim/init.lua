-- cowpte for Neovim 0.7 or newer, with Neovim's built-in LSP client and no plugins.
-- Copy this into your init.lua (or :luafile it). It needs Java 17+ and cowpte.jar
-- (mvn -pl server -am package builds server/target/cowpte.jar); set COWPTE_JAR to its path,
-- or edit the default below.
--
-- Then open a .cowpte file: failed expectations show as diagnostics as you type (:lua
-- vim.diagnostic.setloclist() lists them), K (vim.lsp.buf.hover) on an address such as
-- buf[0] shows its page walk with each table's refcount and sharers.

local cowpte_jar = os.getenv('COWPTE_JAR') or vim.fn.expand('~/cowpte/server/target/cowpte.jar')

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
  end,
})
