#!/bin/sh
# Install Cadence's desktop integration for the current user: the menu entry,
# the icon, the .cadence file type and the AppStream metadata, so that
# double-clicking a .cadence file in the file manager opens it in Cadence.
#
#   sh install.sh                      # into ~/.local/share (XDG_DATA_HOME)
#   sh install.sh --exec /opt/cadence/cadence
#   sh install.sh --uninstall
#   sh install.sh --data-dir "$pkgdir/usr/share" --exec /usr/bin/cadence --no-cache-update
#
# --exec names the program the menu entry runs. Without it: the bundle's own
# program when this script sits inside a PyInstaller build
# (cadence/_internal/resources/linux/install.sh), else `cadence` on PATH.
# Caches (mime database, desktop database, icon cache) are refreshed when the
# tools are present; packagers pass --no-cache-update and let triggers do it.
set -eu

here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
resources=$(dirname -- "$here")
app_id=io.cadence.Cadence
data_dir=${XDG_DATA_HOME:-$HOME/.local/share}
program=""
action=install
update_caches=yes

while [ $# -gt 0 ]; do
    case "$1" in
        --exec) program=$2; shift 2 ;;
        --data-dir) data_dir=$2; shift 2 ;;
        --uninstall) action=uninstall; shift ;;
        --no-cache-update) update_caches=no; shift ;;
        -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
done

sizes="16 24 32 48 64 128 256 512"

refresh_caches() {
    [ "$update_caches" = yes ] || return 0
    if command -v update-mime-database >/dev/null 2>&1; then
        update-mime-database "$data_dir/mime" >/dev/null 2>&1 || true
    fi
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$data_dir/applications" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$data_dir/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache -q -t -f "$data_dir/icons/hicolor" || true
    fi
    touch "$data_dir/icons/hicolor" 2>/dev/null || true
}

if [ "$action" = uninstall ]; then
    rm -f "$data_dir/applications/$app_id.desktop" \
        "$data_dir/metainfo/$app_id.metainfo.xml" \
        "$data_dir/mime/packages/$app_id.xml" \
        "$data_dir/icons/hicolor/scalable/apps/$app_id.svg"
    for size in $sizes; do
        rm -f "$data_dir/icons/hicolor/${size}x${size}/apps/$app_id.png"
    done
    refresh_caches
    # The default application for .cadence files that installing set (xdg-mime),
    # which would point at a menu entry no longer there.
    mimeapps="${XDG_CONFIG_HOME:-$HOME/.config}/mimeapps.list"
    if [ "$update_caches" = yes ] && [ -f "$mimeapps" ]; then
        sed -e "s|^\(application/x-cadence=.*\)$app_id\.desktop;\{0,1\}|\1|" \
            -e '/^application\/x-cadence=$/d' "$mimeapps" > "$mimeapps.new" &&
            mv -- "$mimeapps.new" "$mimeapps"
    fi
    echo "Removed Cadence's desktop integration from $data_dir."
    exit 0
fi

if [ -z "$program" ]; then
    bundled=$(dirname -- "$(dirname -- "$resources")")/cadence
    if [ -x "$bundled" ] && [ -f "$bundled" ]; then
        program=$bundled
    elif command -v cadence >/dev/null 2>&1; then
        program=cadence
    else
        echo "install.sh: no 'cadence' program on PATH; name it with --exec PATH" >&2
        exit 1
    fi
fi

# The Exec key quotes a path with spaces and escapes ", `, $ and \ inside the
# quotes; the desktop file's string syntax then doubles every backslash.
case "$program" in
    *[[:space:]\"\`\$\\]*)
        escaped=$(printf '%s' "$program" | sed -e 's/[\\"`$]/\\&/g' -e 's/\\/\\\\/g')
        exec_value="\"$escaped\""
        ;;
    *) exec_value=$program ;;
esac
try_exec=$(printf '%s' "$program" | sed -e 's/\\/\\\\/g')

install -d "$data_dir/applications" "$data_dir/metainfo" "$data_dir/mime/packages" \
    "$data_dir/icons/hicolor/scalable/apps"
install -m 644 "$resources/cadence.svg" "$data_dir/icons/hicolor/scalable/apps/$app_id.svg"
for size in $sizes; do
    install -d "$data_dir/icons/hicolor/${size}x${size}/apps"
    install -m 644 "$resources/icons/cadence-$size.png" \
        "$data_dir/icons/hicolor/${size}x${size}/apps/$app_id.png"
done
install -m 644 "$here/cadence-mime.xml" "$data_dir/mime/packages/$app_id.xml"
install -m 644 "$here/$app_id.metainfo.xml" "$data_dir/metainfo/$app_id.metainfo.xml"

desktop="$data_dir/applications/$app_id.desktop"
tmp="$desktop.tmp.$$"
while IFS= read -r line; do
    case "$line" in
        Exec=*) printf 'Exec=%s %%f\n' "$exec_value" ;;
        TryExec=*) printf 'TryExec=%s\n' "$try_exec" ;;
        *) printf '%s\n' "$line" ;;
    esac
done < "$here/$app_id.desktop" > "$tmp"
chmod 644 "$tmp"
mv "$tmp" "$desktop"

refresh_caches
if [ "$update_caches" = yes ] && command -v xdg-mime >/dev/null 2>&1; then
    xdg-mime default "$app_id.desktop" application/x-cadence 2>/dev/null || true
fi
echo "Installed Cadence's desktop integration in $data_dir (menu entry runs: $program)."
