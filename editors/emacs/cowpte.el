;;; cowpte.el --- .cowpte scenarios in Emacs with eglot  -*- lexical-binding: t -*-

;; SPDX-License-Identifier: MIT

;; Copy this into your init file (or (load "/path/to/cowpte.el")). It needs Emacs 28 with
;; eglot (Debian 12: apt-get install emacs-nox elpa-eglot; Emacs 29+ has eglot built in),
;; Java 17+ and cowpte.jar (mvn -pl server -am package builds server/target/cowpte.jar): set
;; COWPTE_JAR to its path or change `cowpte-jar' below.
;;
;; Then open a .cowpte file: eglot starts `java -jar cowpte.jar lsp', flymake underlines the
;; failed expectations (M-x flymake-show-buffer-diagnostics lists them), and eldoc shows the
;; page walk of the address at point (M-x eldoc-doc-buffer for all of it).

(require 'eglot)

(defvar cowpte-jar (or (getenv "COWPTE_JAR") (expand-file-name "~/cowpte/server/target/cowpte.jar"))
  "The cowpte.jar that runs the language server.")

;; BEGIN words: written from the grammar's Vocabulary by EditorSurfacesTest (-Dcowpte.updateEditors=true); do not edit
(defvar cowpte-font-lock-keywords
  `((,(regexp-opt '("scenario" "policy" "machine" "process" "mmap" "munmap" "mprotect" "madvise"
                    "touch" "read" "write" "fork" "exit" "pin" "unpin" "repeat" "show" "expect")
                  'symbols)
     . font-lock-keyword-face)
    (,(regexp-opt '("pagetables" "tables" "rss" "memory" "refcount" "mapcount" "value" "faults"
                    "shared" "private" "segv" "thp" "huge")
                  'symbols)
     . font-lock-builtin-face)
    (,(regexp-opt '("levels" "pt-reclaim" "fault-around" "on" "off" "never" "always" "at" "readonly"
                    "dontfork" "wipeonfork" "hugepage" "nohugepage" "readwrite" "dontneed" "dofork"
                    "keeponfork" "pgd" "p4d" "pud" "pmd" "pte" "cow" "zero" "table" "as")
                  'symbols)
     . font-lock-type-face)
    ("\\_<\\(?:cow-pte-rfc\\|async-fork\\|phillips\\|classic\\|cow-pte\\|odf\\)\\_>" . font-lock-constant-face)
    ("\\_<\\(?:0x[0-9A-Fa-f_]+\\|[0-9][0-9_.]*\\(?:KiB\\|MiB\\|GiB\\|TiB\\|K\\|M\\|G\\|T\\)?\\)\\_>" . font-lock-constant-face))
  "What cowpte-mode highlights: statements, expectations, the other keywords, policies, numbers.")
;; END words

(defvar cowpte-mode-syntax-table
  (let ((st (make-syntax-table)))
    (modify-syntax-entry ?# "<" st)
    (modify-syntax-entry ?\n ">" st)
    (modify-syntax-entry ?- "_" st)
    (modify-syntax-entry ?_ "_" st)
    st))

(define-derived-mode cowpte-mode prog-mode "cowpte"
  "Major mode for cowpte memory scenarios."
  (setq-local comment-start "# ")
  (setq-local comment-start-skip "#+\\s-*")
  (setq-local font-lock-defaults '(cowpte-font-lock-keywords)))

(add-to-list 'auto-mode-alist '("\\.cowpte\\'" . cowpte-mode))

;; Settings go to the server as initializationOptions (section cowpte): defaultPolicy,
;; runTrigger (onChange | onSave | never), debounceMs, stepBudget.
(add-to-list 'eglot-server-programs
             `(cowpte-mode . ("java" "-Xmx256m" "-jar" ,cowpte-jar "lsp"
                              :initializationOptions (:cowpte (:runTrigger "onChange" :debounceMs 250)))))

(add-hook 'cowpte-mode-hook #'eglot-ensure)

(provide 'cowpte)
;;; cowpte.el ends here
