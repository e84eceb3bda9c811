;;; test.el --- batch test of cowpte with eglot and flymake  -*- lexical-binding: t -*-
;; Run by run.sh:  emacs --batch -q -l test.el (-q: site start-up files, as Debian activates elpa-eglot there)
;; Loads cowpte.el as a user would, opens the failing sample (COWPTE_SAMPLE) so that eglot
;; starts the server, waits for flymake's diagnostics (failed expectations on lines 13 and 14)
;; and asks eldoc's hover function about buf[0] (the shared PTE table's refcount 2).
;; Prints one line per check and 'N passed, N failed'; exits 1 on any failure.

(unless (locate-library "eglot") (package-initialize)) ; elpa-eglot, as a normal start-up has it
(setq eglot-sync-connect 60 eglot-connect-timeout 60
      eglot-autoreconnect nil)
(load (expand-file-name "cowpte.el" (file-name-directory load-file-name)) nil t)
(require 'flymake)

(defvar cowpte-test-passed 0)
(defvar cowpte-test-failed 0)
(defvar cowpte-test-report nil)
(defun cowpte-check (name ok &optional detail)
  (if ok
      (progn (setq cowpte-test-passed (1+ cowpte-test-passed)) (princ (format "ok - %s\n" name)))
    (setq cowpte-test-failed (1+ cowpte-test-failed))
    (princ (format "not ok - %s\n" name))
    (when detail (princ (format "  %s\n" detail)))))

(defun cowpte-wait (pred seconds)
  "Wait until PRED holds, at most SECONDS, letting process output, timers and flymake run."
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.1)
      (sit-for 0.05))
    (funcall pred)))

(defun cowpte-diag-lines ()
  (mapconcat (lambda (d) (format "%d: %s %s" (line-number-at-pos (flymake-diagnostic-beg d))
                                 (flymake-diagnostic-type d) (flymake-diagnostic-text d)))
             (flymake-diagnostics) "\n"))

(condition-case err
    (let ((sample (or (getenv "COWPTE_SAMPLE") (error "COWPTE_SAMPLE is not set (run run.sh)"))))
      (find-file sample)
      (cowpte-check "the .cowpte file opens in cowpte-mode" (eq major-mode 'cowpte-mode) major-mode)
      ;; highlighting from cowpte-font-lock-keywords: statements, expectations, policies
      (font-lock-ensure)
      (let ((face-at (lambda (re) (save-excursion (goto-char (point-min)) (re-search-forward re)
                                                  (get-text-property (match-beginning 1) 'face)))))
        (let ((expect (funcall face-at "^\\(expect\\) rss child"))
              (rss (funcall face-at "^expect \\(rss\\) child"))
              (policy (funcall face-at "^policy \\(cow-pte\\)")))
          (cowpte-check "font-lock: expect is a keyword, rss an expectation, cow-pte a policy"
                        (and (eq expect 'font-lock-keyword-face) (eq rss 'font-lock-builtin-face)
                             (eq policy 'font-lock-constant-face))
                        (format "%s %s %s" expect rss policy))))
      ;; eglot-ensure connects after the command that opened the file, from post-command-hook
      (run-hooks 'post-command-hook)
      (cowpte-check "eglot manages the buffer (the cowpte server is up)"
                    (cowpte-wait (lambda () (and (bound-and-true-p eglot--managed-mode) (eglot-current-server))) 60))
      (cowpte-check "flymake runs eglot's backend"
                    (and (bound-and-true-p flymake-mode) (memq 'eglot-flymake-backend flymake-diagnostic-functions)))
      (cowpte-check "flymake's diagnostics arrive within 60 s"
                    (cowpte-wait (lambda () (>= (length (flymake-diagnostics)) 2)) 60)
                    (cowpte-diag-lines))
      (let* ((diags (flymake-diagnostics))
             (on (lambda (line) (seq-find (lambda (d) (= line (line-number-at-pos (flymake-diagnostic-beg d)))) diags)))
             (d13 (funcall on 13)) (d14 (funcall on 14)))
        (cowpte-check "line 13: rss child: expected == 0 pages, actual 512 pages, an error"
                      (and d13 (string-match-p (regexp-quote "rss child: expected == 0 pages, actual 512 pages")
                                               (flymake-diagnostic-text d13))
                           (eq (flymake--lookup-type-property (flymake-diagnostic-type d13) 'severity)
                               (warning-numeric-level :error)))
                      (cowpte-diag-lines))
        (cowpte-check "line 14: pagetables child: expected <= 4 KiB, actual 12 KiB"
                      (and d14 (string-match-p (regexp-quote "pagetables child: expected <= 4 KiB, actual 12 KiB")
                                               (flymake-diagnostic-text d14)))
                      (cowpte-diag-lines))
        (cowpte-check "no diagnostics on other lines" (= (length diags) 2) (cowpte-diag-lines))
        (push (concat "== flymake diagnostics ==\n" (cowpte-diag-lines)) cowpte-test-report))
      ;; eldoc at the 0 of buf[0] on line 15, through eglot's hover function as eldoc calls it
      (goto-char (point-min))
      (search-forward "expect shared parent child buf[")
      (let ((hover nil))
        (eglot-hover-eldoc-function (lambda (info &rest _) (setq hover (or info ""))))
        (cowpte-wait (lambda () hover) 60)
        (cowpte-check "eldoc at buf[0]: PTE table with refcount 2, sharers parent, child"
                      (and hover (string-match-p "PTE table #[0-9]+ (pmd entry [0-9]+, write-protected): refcount 2, sharers parent, child"
                                                 hover))
                      hover)
        (push (format "== eldoc at buf[0], line %d ==\n%s" (line-number-at-pos) hover) cowpte-test-report))
      (let ((out (getenv "COWPTE_EMACS_OUT")))
        (when out (with-temp-file out (insert (mapconcat #'identity (reverse cowpte-test-report) "\n") "\n"))))
      (ignore-errors (eglot-shutdown (eglot-current-server))))
  (error (cowpte-check "the test ran to its end" nil (error-message-string err))))

(princ (format "emacs: %d passed, %d failed\n" cowpte-test-passed cowpte-test-failed))
(kill-emacs (if (= cowpte-test-failed 0) 0 1))
