#!/bin/sh
# t-editors.sh - the editor integrations of README "Editors" parse the diagnostics exactly as
# flowrec prints them: Vim's errorformat (run by a real vim, when installed) and the VS Code
# problem matcher's regexp (the same regexp, applied by python) and Emacs' compilation regexp
# (README's elisp, loaded by a real emacs --batch, when installed), checked against --format json.
. "$TESTS/lib.sh"
EXAMPLES="$TESTS/../examples"
# the strings README.md documents, kept here byte for byte (the test greps README for them)
EFM='%f:%l:%c:\ %trror:\ %m,%f:%l:%c:\ %tarning:\ %m,%f:%l:%c:\ %m'
VSCODE_RE='^(.+?):(\\d+):(\\d+): (error|warning|错误|警告): (.*) \\[([A-Z]+-[A-Z0-9]+)\\]$'

findings() {
	cp -r "$EXAMPLES" t && cd t &&
	$FLOWREC new weekly-meeting --week 2026-W14 >/dev/null &&
	sed -i "s/, reason: 新品X1上市，集中拜访教育行业客户//" records/weekly/2026-W11.md &&
	{ $FLOWREC check -q --today 2026-03-31 2>diag.txt; test $? = 1; } &&
	{ $FLOWREC check --format json --today 2026-03-31 >diag.json; test $? = 1; }
}

test_case "readme-documents-these-exact-patterns" '
	grep -qF "set errorformat=$EFM" "$TESTS/../README.md" &&
	grep -qF "\"regexp\": \"$VSCODE_RE\"" "$TESTS/../README.md"
'

if command -v vim >/dev/null 2>&1; then
test_case "vim-errorformat-reads-every-diagnostic" '
	findings &&
	vim -es -N -u NONE -i NONE -c "set errorformat=$EFM" -c "cgetfile diag.txt" \
		-c "call writefile([json_encode(getqflist())], \"qf.json\")" -c "qa!" &&
	python3 - <<-PY
	import json
	qf = json.load(open("qf.json", encoding="utf-8"))
	d = json.load(open("diag.json", encoding="utf-8"))
	assert len(qf) == len(d), (len(qf), len(d))
	for q, x in zip(qf, d):
	    assert q["valid"] == 1 and q["lnum"] == x["line"] and q["col"] == x["column"], (q, x)
	    assert q["type"] == x["severity"][0].upper() or q["type"] == x["severity"][0], (q, x)
	    assert q["text"] == "%s [%s]" % (x["message"], x["rule"]), (q["text"], x)
	PY
'
else
	echo "ok - vim-errorformat-reads-every-diagnostic # SKIP vim is not installed"
fi

if command -v emacs >/dev/null 2>&1; then
# README's elisp block, as written there, then every compilation message Emacs finds in the
# output of check (English and Chinese) as "path line column severity"
test_case "emacs-compile-regexp-reads-every-diagnostic" '
	findings && { $FLOWREC --lang zh-CN check -q --today 2026-03-31 2>diag.zh; test $? = 1; } &&
	sed -n "/^ *\`\`\`elisp\$/,/^ *\`\`\`\$/p" "$TESTS/../README.md" | sed "1d;\$d" >readme.el &&
	grep -q "compilation-error-regexp-alist-alist" readme.el &&
	cat >parse.el <<-\EL &&
	(require (quote compile))
	(load (expand-file-name "readme.el") nil t)
	(setq compilation-error-regexp-alist (list (quote flowrec)))
	(let ((coding-system-for-read (quote utf-8)) (coding-system-for-write (quote utf-8)) out)
	  (with-temp-buffer
	    (insert-file-contents (car command-line-args-left))
	    (compilation-mode)
	    (compilation--ensure-parse (point-max))
	    (goto-char (point-min))
	    (while (not (eobp))
	      (let ((msg (get-text-property (point) (quote compilation-message))))
	        (when msg
	          (let ((loc (compilation--message->loc msg)))
	            (push (format "%s\t%d\t%d\t%s" (caar (compilation--loc->file-struct loc))
	                          (compilation--loc->line loc) (compilation--loc->col loc)
	                          (if (= (compilation--message->type msg) 2) "error" "warning"))
	                  out))))
	      (forward-line 1)))
	  (with-temp-file (cadr command-line-args-left)
	    (dolist (l (nreverse out)) (insert l "\n"))))
	(setq command-line-args-left nil)
	EL
	jq -r ".[] | [.path, .line, .column, .severity] | @tsv" diag.json >want.tsv && test "$(wc -l <want.tsv)" -ge 5 &&
	grep -q "	warning\$" want.tsv && grep -q "	error\$" want.tsv &&
	for f in diag.txt diag.zh; do
		timeout 120 emacs -Q --batch -l parse.el $f got.tsv && test_cmp want.tsv got.tsv || exit 1
	done
'
else
	echo "ok - emacs-compile-regexp-reads-every-diagnostic # SKIP emacs is not installed"
fi

test_case "vscode-problem-matcher-regexp-reads-every-diagnostic" '
	findings &&
	python3 - "$VSCODE_RE" <<-PY
	import json, re, sys
	# the matcher is JSON in tasks.json: decode it as VS Code does, then use it as a JS regexp
	pat = re.compile(json.loads("\"" + sys.argv[1] + "\""))
	lines = open("diag.txt", encoding="utf-8").read().splitlines()
	d = json.load(open("diag.json", encoding="utf-8"))
	assert len(lines) == len(d)
	for l, x in zip(lines, d):
	    m = pat.match(l)
	    assert m, l
	    assert (m.group(1), int(m.group(2)), int(m.group(3))) == (x["path"], x["line"], x["column"])
	    assert m.group(5) == x["message"] and m.group(6) == x["rule"], l
	PY
'

test_done
