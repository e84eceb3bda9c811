" SPDX-License-Identifier: MIT
scriptencoding utf-8
" Vim syntax file for cowpte memory scenarios (.cowpte), for Neovim and Vim.
" Put it in a syntax/ directory of 'runtimepath' (~/.config/nvim/syntax/cowpte.vim); init.lua
" beside it finds it there.
if exists('b:current_syntax')
  finish
endif

" BEGIN words: written from the grammar's Vocabulary by EditorSurfacesTest (-Dcowpte.updateEditors=true); do not edit
syntax iskeyword @,48-57,_,192-255,-
syntax keyword cowpteStatement scenario policy machine process mmap munmap mprotect madvise touch read write fork exit pin unpin repeat show expect
syntax keyword cowpteExpectation pagetables tables rss memory refcount mapcount value faults shared private segv thp huge
syntax keyword cowpteOption levels pt-reclaim fault-around on off never always at readonly dontfork wipeonfork hugepage nohugepage readwrite dontneed dofork keeponfork pgd p4d pud pmd pte cow zero table as
syntax keyword cowptePolicy classic cow-pte cow-pte-rfc odf async-fork phillips
syntax match cowpteOperator /==\|!=\|<=\|>=\|<\|>\|≠\|≤\|≥\|=/
syntax match cowpteNumber /\<0x\x\+\>\|\<\d[0-9_]*\(\.\d\+\)\=\(KiB\|MiB\|GiB\|TiB\|K\|M\|G\|T\)\=\>/
" END words
syntax match cowpteArrow /->/
syntax match cowpteVariable /{[A-Za-z_][A-Za-z0-9_]*\(\.\.[0-9]\+\)\=}/
syntax region cowpteString start=/"/ skip=/\\./ end=/"/ oneline
syntax match cowpteComment /#.*$/ contains=@Spell

highlight default link cowpteStatement Statement
highlight default link cowpteExpectation Function
highlight default link cowpteOption Type
highlight default link cowptePolicy Constant
highlight default link cowpteArrow Operator
highlight default link cowpteOperator Operator
highlight default link cowpteNumber Number
highlight default link cowpteVariable Identifier
highlight default link cowpteString String
highlight default link cowpteComment Comment

let b:current_syntax = 'cowpte'
