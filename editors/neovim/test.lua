-- Headless test of cowpte through Neovim's own LSP client, loaded after init.lua by run.sh:
--   nvim --headless -n -i NONE -u init.lua -c 'luafile test.lua'
-- Opens the failing sample (COWPTE_SAMPLE), waits for the server's diagnostics, checks the
-- failed expectations on lines 13 and 14, and a hover on buf[0] with the shared PTE table's
-- refcount; then the highlighting, completion, code lenses, :CowpteCompare and :CowpteReport.
-- Prints one line per check and 'N passed, N failed'; exits 1 on any failure.
local WAIT = 60000 -- ms, every wait is bounded
local out = io.stdout
local passed, failed = 0, 0

local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    out:write('ok - ' .. name .. '\n')
  else
    failed = failed + 1
    out:write('not ok - ' .. name .. '\n')
    if detail then out:write('  ' .. tostring(detail):gsub('\n', '\n  ') .. '\n') end
  end
end

local function finish()
  out:write(string.format('neovim: %d passed, %d failed\n', passed, failed))
  out:flush()
  vim.cmd(failed == 0 and 'qall!' or 'cquit 1')
end

local ok, err = pcall(function()
  local sample = assert(os.getenv('COWPTE_SAMPLE'), 'COWPTE_SAMPLE is not set (run run.sh)')
  vim.cmd('edit ' .. vim.fn.fnameescape(sample))
  local buf = vim.api.nvim_get_current_buf()
  check('the .cowpte file has filetype cowpte', vim.bo[buf].filetype == 'cowpte', vim.bo[buf].filetype)

  local attached = vim.wait(WAIT, function() return #vim.lsp.buf_get_clients(buf) > 0 end, 100)
  local clients = vim.lsp.buf_get_clients(buf)
  local client
  for _, c in pairs(clients) do client = c end
  check('the cowpte language server is attached', attached and client ~= nil and client.name == 'cowpte')
  if not client then return end
  vim.wait(WAIT, function() return client.initialized or (client.is_stopped and client.is_stopped()) end, 100)

  -- diagnostics: the failed expectations on lines 13 and 14 (0-based 12 and 13)
  local got = vim.wait(WAIT, function() return #vim.diagnostic.get(buf) >= 2 end, 100)
  local diags = vim.diagnostic.get(buf)
  local lines = {}
  for _, d in ipairs(diags) do
    table.insert(lines, string.format('%d:%d %s %s', d.lnum + 1, d.col + 1, d.severity, d.message))
  end
  check('diagnostics arrive within 60 s', got, table.concat(lines, '\n'))
  local by_line = {}
  for _, d in ipairs(diags) do by_line[d.lnum + 1] = d end
  local d13, d14 = by_line[13], by_line[14]
  check('line 13: rss child expected == 0 pages, actual 512 pages (an error)',
    d13 and d13.severity == vim.diagnostic.severity.ERROR
      and d13.message:find('rss child: expected == 0 pages, actual 512 pages', 1, true) ~= nil,
    table.concat(lines, '\n'))
  check('line 14: pagetables child expected <= 4 KiB, actual 12 KiB',
    d14 and d14.message:find('pagetables child: expected <= 4 KiB, actual 12 KiB', 1, true) ~= nil,
    table.concat(lines, '\n'))
  check('no diagnostics on other lines', #diags == 2, table.concat(lines, '\n'))

  -- hover on the 0 of buf[0] in 'expect shared parent child buf[0]', as K would ask
  local row
  for i, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if l:find('expect shared parent child buf[0]', 1, true) then row = i end
  end
  local col = vim.api.nvim_buf_get_lines(buf, row - 1, row, false)[1]:find('buf[0]', 1, true) + 3
  vim.api.nvim_win_set_cursor(0, { row, col }) -- (1-based row, 0-based col): on the 0
  local params = vim.lsp.util.make_position_params()
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, WAIT)
  local text = ''
  for _, r in pairs(responses or {}) do
    if r.result and r.result.contents then
      text = text .. table.concat(vim.lsp.util.convert_input_to_markdown_lines(r.result.contents), '\n')
    end
  end
  check('hover on buf[0]: PTE table with refcount 2, sharers parent, child',
    text:match('PTE table #%d+ %(pmd entry %d+, write%-protected%): refcount 2, sharers parent, child') ~= nil,
    text)
  -- what K shows: the same hover in a floating window
  local fbuf, fwin = vim.lsp.util.open_floating_preview(vim.lsp.util.convert_input_to_markdown_lines(
    responses[client.id].result.contents), 'markdown', {})
  local shown = table.concat(vim.api.nvim_buf_get_lines(fbuf, 0, -1, false), '\n')
  check('the hover float holds the walk', shown:find('refcount 2, sharers parent, child', 1, true) ~= nil, shown)
  local dump = os.getenv('COWPTE_NVIM_OUT')
  if dump then
    local f = io.open(dump, 'w')
    f:write('== diagnostics ==\n', table.concat(lines, '\n'), '\n== hover on buf[0] (line ', row, ') ==\n', shown, '\n')
    f:close()
  end
  vim.api.nvim_win_close(fwin, true)

  -- highlighting from syntax/cowpte.vim: 'expect' is a statement, 'rss' an expectation
  local exp_row
  for i, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if l:find('^expect rss child') then exp_row = i end
  end
  local group = vim.fn.synIDattr(vim.fn.synID(exp_row, 1, 1), 'name')
  local group2 = vim.fn.synIDattr(vim.fn.synID(exp_row, 8, 1), 'name')
  check('syntax: expect is cowpteStatement, rss is cowpteExpectation',
    group == 'cowpteStatement' and group2 == 'cowpteExpectation', group .. ' ' .. group2)
  -- a hyphenated policy is one word: cow-pte whole, not the fault kind cow and the level pte
  local pol_row
  for i, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if l:find('^policy cow%-pte') then pol_row = i end
  end
  local cow = vim.fn.synIDattr(vim.fn.synID(pol_row, 8, 1), 'name')
  local pte = vim.fn.synIDattr(vim.fn.synID(pol_row, 12, 1), 'name')
  check('syntax: cow-pte is one cowptePolicy', cow == 'cowptePolicy' and pte == 'cowptePolicy', cow .. ' ' .. pte)

  -- completion: the LSP omnifunc, and the server's items at the start of an expectation
  check('completion: omnifunc is the LSP one', vim.bo[buf].omnifunc == 'v:lua.vim.lsp.omnifunc', vim.bo[buf].omnifunc)
  local cparams = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = exp_row - 1, character = 7 } }
  local cres = vim.lsp.buf_request_sync(buf, 'textDocument/completion', cparams, WAIT) or {}
  local labels = {}
  for _, r in pairs(cres) do
    local items = r.result and (r.result.items or r.result) or {}
    for _, it in ipairs(items) do table.insert(labels, it.label) end
  end
  check('completion after expect offers refcount', vim.tbl_contains(labels, 'refcount'), table.concat(labels, ' '))

  -- code lenses, refreshed when cowpte/runSummary arrives after a run
  local lensed = vim.wait(WAIT, function() return #(vim.lsp.codelens.get(buf) or {}) > 0 end, 100)
  local lens_titles = {}
  for _, l in ipairs(vim.lsp.codelens.get(buf) or {}) do
    if l.command then table.insert(lens_titles, l.command.title) end
  end
  check('code lenses after the run (the fork\'s cost)', lensed and #lens_titles > 0, table.concat(lens_titles, '\n'))

  -- :CowpteCompare shows the compare table in a split
  vim.cmd('CowpteCompare classic,cow-pte')
  local cmp_buf
  vim.wait(WAIT, function()
    for _, b in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_get_name(b):find('cowpte compare', 1, true) then cmp_buf = b end
    end
    return cmp_buf ~= nil
  end, 100)
  local cmp = cmp_buf and table.concat(vim.api.nvim_buf_get_lines(cmp_buf, 0, -1, false), '\n') or ''
  check(':CowpteCompare shows the table with per-page updates under classic and cow-pte',
    cmp:find('per-page updates', 1, true) ~= nil and cmp:find('cow-pte', 1, true) ~= nil, cmp)
  if cmp_buf then vim.cmd('close') end

  -- :CowpteReport writes the HTML page
  local report = vim.fn.stdpath('cache') .. '/cowpte-report.html'
  os.remove(report)
  vim.cmd('CowpteReport classic,cow-pte')
  local wrote = vim.wait(WAIT, function() return vim.fn.filereadable(report) == 1 end, 100)
  local html = wrote and table.concat(vim.fn.readfile(report), '\n') or ''
  check(':CowpteReport writes the report page', html:find('<svg class="tree', 1, true) ~= nil
    or html:find('id="trees"', 1, true) ~= nil, report)
end)
if not ok then check('the test ran to its end', false, err) end
finish()
