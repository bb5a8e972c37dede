#!/usr/bin/env bash
# Installs what the end-to-end tests and `npm start` need, when missing: Debian's chromium (apt),
# and a real VS Code — code-server 4.100.3 (VS Code 1.100.3, the last release for Node 20) —
# into a cache folder outside the project's dependencies. Idempotent, quiet when all is there,
# safe to run concurrently (one installer at a time). Prints the code-server folder on stdout.
# With --check it installs nothing: it fails, saying what is missing, unless all is there.
set -euo pipefail

version=4.100.3
dir=${DRBD_VSCODE_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/drbd-vscode}/code-server-$version
say() { echo "e2e-tools: $*" >&2; }

if [ "${1:-}" = --check ]; then
    [ -x /usr/bin/chromium ] || { say "chromium is not installed"; exit 1; }
    [ -f "$dir/.installed" ] || { say "code-server $version is not installed in $dir"; exit 1; }
    echo "$dir"
    exit 0
fi

mkdir -p "$dir"
exec 9>"$dir.lock"
flock -w 900 9 || { say "another install holds $dir.lock for 15 min"; exit 1; }

apt_install() {
    local need=() p
    for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
    [ ${#need[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        say "missing Debian packages: ${need[*]} (run as root, or: sudo apt-get install ${need[*]})"
        exit 1
    fi
    say "installing ${need[*]} (apt-get)"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
}

[ -x /usr/bin/chromium ] || apt_install chromium

if [ ! -f "$dir/.installed" ]; then
    # Native modules build with node-gyp; @vscode/ripgrep wants a download that Debian's rg replaces.
    apt_install ripgrep g++ make python3 libkrb5-dev libsecret-1-dev libxkbfile-dev
    say "installing code-server $version into $dir (first use only, about a minute)"
    rgcache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
    mkdir -p "$rgcache" "$dir/rg"
    cp /usr/bin/rg "$dir/rg/rg"
    tar czf "$rgcache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$dir/rg" rg
    [ -f "$dir/package.json" ] || echo '{"name":"drbd-vscode-e2e-tools","private":true}' > "$dir/package.json"
    # The postinstall refuses root without unsafe-perm; node-pty's runs `npx node-gyp`, which npm's
    # yes=false would cancel. Its scripts must run: it is installed for exactly that.
    if ! (cd "$dir" && npm_config_yes=true npm_config_unsafe_perm=true npm install --no-audit --no-fund --no-save \
        --loglevel=error --dangerously-allow-all-scripts "code-server@$version" >"$dir/install.log" 2>&1); then
        say "code-server install failed; the end of $dir/install.log:"
        tail -n 30 "$dir/install.log" >&2
        exit 1
    fi
    for f in node_modules/.bin/code-server node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg; do
        [ -e "$dir/$f" ] || { say "code-server install is incomplete: $dir/$f is missing (see $dir/install.log)"; exit 1; }
    done
    touch "$dir/.installed"
fi
echo "$dir"
