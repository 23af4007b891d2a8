#!/usr/bin/env bash
# Formats the whole repository with Prettier, once, after the last branch that predates the format
# check has merged (docs/decisions/0168-format-once-at-merge.md). Until then the files Prettier
# would change are listed in .prettier-pending, which `npm run format:check` skips.
#
#   scripts/format-all.sh            drop .prettier-pending, format everything, check format, lint, types
#   scripts/format-all.sh --commit   the same, then commit it and list that commit in .git-blame-ignore-revs
#   scripts/format-all.sh --pending  (re)write .prettier-pending: every file Prettier would change now
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-}"
case "$mode" in "" | --commit | --pending) ;; *) echo "usage: scripts/format-all.sh [--commit | --pending]" >&2; exit 2 ;; esac

prettier=(node node_modules/prettier/bin/prettier.cjs)

if [[ "$mode" == --pending ]]; then
  {
    echo "# Files not yet formatted with Prettier; \`npm run format\` and \`format:check\` skip them."
    echo "# scripts/format-all.sh formats them all and deletes this file (run it once, after the merges)."
    # gitignore syntax: brackets (Next's [course] folders) and wildcards must be escaped.
    "${prettier[@]}" --list-different --ignore-path .gitignore --ignore-path .prettierignore . | sed 's/[][*?]/\\&/g' || true
  } >.prettier-pending
  echo "$(($(wc -l <.prettier-pending) - 2)) files listed in .prettier-pending"
  exit 0
fi

if [[ -n "$(git status --porcelain)" ]]; then
  echo "The working tree has changes: commit or stash them first, so the formatting commit holds nothing else." >&2
  exit 1
fi

rm -f .prettier-pending
# The npm scripts stop naming the pending list.
node -e '
const fs = require("fs");
const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));
pkg.scripts.format = "prettier --write .";
pkg.scripts["format:check"] = "prettier --check .";
fs.writeFileSync("package.json", JSON.stringify(pkg, null, 2) + "\n");
'
# Twice: Prettier is not always idempotent (a member chain it breaks in one pass, it joins in the next).
"${prettier[@]}" --write --log-level warn .
"${prettier[@]}" --write --log-level warn .
echo "formatted: $(git status --porcelain | wc -l) files changed"

npm run -s format:check
npm run -s lint
npm run -s typecheck

if [[ "$mode" == --commit ]]; then
  git add -A
  git commit -q -m "Format the repository with Prettier (scripts/format-all.sh; no other change)"
  rev=$(git rev-parse HEAD)
  [[ -f .git-blame-ignore-revs ]] || printf '# Commits that only reformat (git blame --ignore-revs-file .git-blame-ignore-revs)\n' >.git-blame-ignore-revs
  printf '%s\n' "$rev" >>.git-blame-ignore-revs
  git add .git-blame-ignore-revs
  git commit -q -m "git blame: ignore the repository-wide formatting commit ${rev:0:10}"
  git log --oneline -2
else
  echo "Now commit it on its own: git commit -am 'Format the repository with Prettier'"
fi
