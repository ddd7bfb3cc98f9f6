#!/usr/bin/env bash
# Writes what packagers ship beside the binaries, generated from each
# binary's own command tree (the hidden "<binary> _generate" command of
# internal/clikit): shell completion for bash, zsh and fish, and man pages.
#
#   bash scripts/gen-docs.sh [OUTDIR]     # default dist/
#
# OUTDIR/completion/bash/<binary>      -> /usr/share/bash-completion/completions/
# OUTDIR/completion/zsh/_<binary>      -> a directory of $fpath (/usr/share/zsh/vendor-completions/)
# OUTDIR/completion/fish/<binary>.fish -> /usr/share/fish/vendor_completions.d/
# OUTDIR/man/man1/<binary>.1           -> /usr/share/man/man1/
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-dist}
bins=$(mktemp -d)
trap 'rm -rf "$bins"' EXIT
go build -o "$bins/" ./cmd/...
mkdir -p "$out/completion/bash" "$out/completion/zsh" "$out/completion/fish" "$out/man/man1"
for b in ist tf-status tf-capture refnode; do
  "$bins/$b" _generate bash >"$out/completion/bash/$b"
  "$bins/$b" _generate zsh >"$out/completion/zsh/_$b"
  "$bins/$b" _generate fish >"$out/completion/fish/$b.fish"
  "$bins/$b" _generate man >"$out/man/man1/$b.1"
done
echo "gen-docs: completion and man pages of ist, tf-status, tf-capture, refnode in $out/"
