-- SPDX-License-Identifier: MIT
-- The cowpte debugger for Neovim with nvim-dap (https://github.com/mfussenegger/nvim-dap).
-- Load it after init.lua (which makes *.cowpte filetype cowpte), e.g. :luafile dap.lua, with
-- COWPTE_JAR set as for the language server. It needs nvim-dap installed; without it, it says
-- so and does nothing.
--
-- :lua require('dap').continue() (F5 below) on a .cowpte buffer starts `cowpte dap` and stops
-- before the first statement. Breakpoints take a condition written as an expectation
-- (:lua require('dap').set_breakpoint('refcount parent buf[0] > 1')) and a hit count for
-- statements in a repeat (set_breakpoint(nil, '3')). The REPL (:lua require('dap').repl.open())
-- evaluates quantities (`rss parent`, `refcount parent buf[0]`, `pagetables child`),
-- expectations and `show parent buf[3]`. Step back and reverse continue replay the scenario.

local ok, dap = pcall(require, 'dap')
if not ok then
  vim.notify('cowpte: nvim-dap is not installed; the cowpte debugger is not set up', vim.log.levels.WARN)
  return
end

local cowpte_jar = os.getenv('COWPTE_JAR') or vim.fn.expand('~/cowpte/server/target/cowpte.jar')

dap.adapters.cowpte = {
  type = 'executable',
  command = 'java',
  args = { '-Xmx256m', '-jar', cowpte_jar, 'dap' },
}

dap.configurations.cowpte = {
  {
    type = 'cowpte',
    request = 'launch',
    name = 'Debug scenario',
    program = '${file}',
    policy = 'classic', -- any policy name of `policy` statements
    stopOnEntry = true,
  },
  {
    type = 'cowpte',
    request = 'launch',
    name = 'Debug scenario under cow-pte',
    program = '${file}',
    policy = 'cow-pte',
    stopOnEntry = false,
  },
}

-- Stop on failed expectations, segmentation faults and out of memory (the adapter's defaults);
-- add 'table-shared', 'table-copied', 'table-reused', 'table-freed', 'page-copied' to watch the
-- page tables: :lua require('dap').set_exception_breakpoints({'expectation-failed', 'table-copied'})

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'cowpte',
  callback = function(args)
    local map = function(lhs, fn, desc)
      vim.keymap.set('n', lhs, fn, { buffer = args.buf, desc = desc })
    end
    map('<F5>', dap.continue, 'cowpte: debug / continue')
    map('<F10>', dap.step_over, 'cowpte: next statement')
    map('<F11>', dap.step_into, 'cowpte: into a repeat')
    map('<S-F11>', dap.step_out, 'cowpte: out of a repeat')
    map('<F9>', dap.step_back, 'cowpte: step back')
    map('<leader>b', dap.toggle_breakpoint, 'cowpte: toggle breakpoint')
    map('<leader>B', function()
      dap.set_breakpoint(vim.fn.input('condition (an expectation): '))
    end, 'cowpte: conditional breakpoint')
  end,
})
