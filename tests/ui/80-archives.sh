# shellcheck shell=bash
# Archives from the Images panel: s saves the selected image into a compressed file (never
# replacing one without asking), L loads it back and selects what it loaded, I imports a
# directory with a --change, and a file that is no archive is refused with a clear message.
source "$top_srcdir/tests/ui/lib-images.sh"

D=$RIG_DOCKER
"$D" tag bb:1.0 arch/saved:1 >/dev/null
id=$("$D" image inspect -f '{{.Id}}' arch/saved:1)

UI_COLS=160 UI_ROWS=30
ui_start
ui_wait_for 'images · ' 15 >/dev/null
ui_keys / C-u
ui_type arch/saved
ui_keys Enter
ui_wait_for '^arch/saved +1 ' >/dev/null

# s: a prompt with a name made from the image, in the current directory.
ui_keys s
t_ok "s asks where to save, with a name from the image" ui_wait_for '^Save to .*: arch_saved_1\.tar'
ui_keys C-u
ui_type "$T_TMP/saved.tar.gz"
ui_keys Enter
t_ok "the save ends with the file and its size" ui_wait_for "Saved to $T_TMP/saved\.tar\.gz \(" 30
t_ok "the file is gzip" gzip -t "$T_TMP/saved.tar.gz"
t_ok "and docker load reads it" bash -c "gzip -dc '$T_TMP/saved.tar.gz' | tar -t | grep -q '^manifest.json$'"
t_eq "nothing else is left in the directory" "saved.tar.gz" "$(cd "$T_TMP" && ls -A | grep -v '^budu' | grep saved)"

# The same name again: a confirmation with the command; n keeps the file.
before=$(stat -c %Y.%s "$T_TMP/saved.tar.gz")
ui_keys s C-u
ui_type "$T_TMP/saved.tar.gz"
ui_keys Enter
t_ok "an existing file is never replaced without asking" ui_wait_for 'Replace this file\?'
t_ok "the dialog shows the docker command" ui_wait_for "docker image save -o $T_TMP/saved\.tar\.gz arch/saved:1"
ui_keys n
ui_wait_gone 'Replace this file\?' >/dev/null
t_eq "n leaves the file as it was" "$before" "$(stat -c %Y.%s "$T_TMP/saved.tar.gz")"

# L: the image goes, then comes back from the file, selected.
"$D" rmi arch/saved:1 >/dev/null
ui_wait_gone '^arch/saved ' >/dev/null
ui_keys Escape L
t_ok "L asks for the archive" ui_wait_for '^Load \(docker load -i\):'
ui_type "$T_TMP/saved.tar.gz"
ui_keys Enter
t_ok "the load says what it loaded" ui_wait_for "Loaded 1 image from $T_TMP/saved\.tar\.gz" 30
t_eq "the engine has the tag back, on the same image" "$id" "$("$D" image inspect -f '{{.Id}}' arch/saved:1 2>&1)"
ui_keys Enter
t_ok "and the loaded image is selected (Enter opens it)" ui_wait_for 'arch/saved:1'
ui_keys q

# A file that is no archive: refused with a message, nothing loaded.
printf 'not an archive\n' >"$T_TMP/junk.tar"
n_before=$("$D" image ls -q | wc -l)
ui_keys L
ui_type "$T_TMP/junk.tar"
ui_keys Enter
t_ok "a file that is no archive says so" ui_wait_for 'not a tar archive' 15
t_eq "and loads nothing" "$n_before" "$("$D" image ls -q | wc -l)"

# I: a directory, with a --change.
mkdir -p "$T_TMP/root/etc" "$T_TMP/root/bin"
echo imported >"$T_TMP/root/etc/hello"
cp "$RIG_BUSYBOX" "$T_TMP/root/bin/cat"
ui_keys I
t_ok "I asks for docker import's arguments" ui_wait_for '^Import \(docker import'
ui_type "-c 'CMD [\"/bin/cat\",\"/etc/hello\"]' -m 'from budu' $T_TMP/root arch/imported:1"
ui_keys Enter
t_ok "the import ends with the new image" ui_wait_for "Imported $T_TMP/root as arch/imported:1 \([0-9a-f]{12}\)" 30
t_eq "the --change set the command" '["/bin/cat","/etc/hello"]' \
	"$("$D" image inspect -f '{{json .Config.Cmd}}' arch/imported:1 2>&1)"
t_eq "the message is the history's comment" "from budu" \
	"$("$D" image history --format '{{.Comment}}' arch/imported:1 2>&1 | head -1)"
t_eq "the file is in the image" "imported" \
	"$("$D" run --rm --network none arch/imported:1 2>&1 | head -1)"

# A bad --change is refused before anything is sent.
ui_keys I
ui_type "-c 'RUN true' $T_TMP/root arch/bad:1"
ui_keys Enter
t_ok "a change docker import refuses is refused in the prompt" ui_wait_for 'RUN is not a valid change command'
ui_keys Escape

# The Jobs panel keeps the three.
ui_keys 3
t_ok "the Jobs panel lists the save" ui_wait_for '^1 +save +arch/saved:1 .* done '
t_ok "the load" ui_wait_for '^2 +load .* done +[0-9:]+ +Loaded 1 image'
t_ok "the load that failed, with why" ui_wait_for '^3 +load .* failed .* is not a tar archive'
t_ok "and the import" ui_wait_for '^4 +import .* done '
ui_stop
"$D" rmi arch/saved:1 arch/imported:1 >/dev/null 2>&1
