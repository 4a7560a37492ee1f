# shellcheck shell=bash
# Sizes as the engine counts them (issue 14): the Images panel's status line shows the images'
# disk use with every layer once (`docker system df`'s SIZE, not the sum of SIZE), and P's
# preview frees exactly what the engine then reclaims, with images that share layers without
# ParentId links (docker load), where only the layer chains tell what they share.
source "$top_srcdir/tests/ui/lib-images.sh"
# shellcheck source=tests/lib-layers.sh
source "$top_srcdir/tests/lib-layers.sh"

D=$RIG_DOCKER
df_images() { "$D" system df --format '{{.Type}} {{.Size}}' | sed -n 's/^Images //p'; }
esc() { printf %s "${1//./\\.}"; }

# The seeded dangling images are kept out of the prune by containers of ours.
n=0
for d in $("$D" image ls -q --no-trunc -f dangling=true); do
	"$D" create --name "sz-keep-$n" "$d" >/dev/null && n=$((n + 1))
done
mapfile -t ids < <(layers_family tmp/zbase:1 - -)

UI_COLS=160 UI_ROWS=40
ui_start
ui_wait_for 'images · ' 15 >/dev/null
want=$(df_images)
sum=$("$D" image ls -q --no-trunc | sort -u | xargs "$D" image inspect -f '{{.Size}}' | paste -sd+ | bc)
t_diag "docker system df: $want; the sizes' sum: ${sum}B"
t_ok "the status line shows the images' disk use as docker system df counts it ($want)" \
	ui_wait_for " images · $(esc "$want")( |$)" 15
t_eq "the figure is exact, not pending" "" "$(ui_screen | tail -n1 | grep -E '≥|…')"

ui_keys P
t_ok "P: the preview counts what the engine frees" ui_wait_for 'images go, freeing [0-9.]+[kMG]?B:' 15
preview=$(ui_screen | sed -nE 's/.*images go, freeing ([0-9.]+[kMG]?B):.*/\1/p' | head -n1)
t_eq "P: the preview frees the children's own layers only (12 KB + 20 KB)" "32.77kB" "$preview"
ui_keys y
t_ok "y: the engine reclaimed what the preview said" ui_wait_for "Total reclaimed space: $(esc "${preview:-(no preview)}")" 15
t_eq "... the children are gone, the base stays" "${ids[0]}" \
	"$("$D" image inspect -f '{{.Id}}' "${ids[@]}" 2>/dev/null)"

# After the prune the total follows the engine's again (a key clears the message first).
ui_keys C-l
want=$(df_images)
t_ok "after the prune the status line shows docker system df's figure again ($want)" \
	ui_wait_for " images · $(esc "$want")( |$)" 15
ui_keys 7
t_ok "the Hosts panel's SIZE for the engine shown is the same figure" \
	ui_wait_for "^▶ .* $(esc "$want") +unix://$RIG_SOCK" 15

# -a with until=720h: the base and both children (only they are that old here), one child with
# two tags: the preview names both, and the space is all three images' layers, once each.
layers_family tmp/zbase:1 tmp/zkid1:1 tmp/zkid2:1 >/dev/null
"$D" tag tmp/zkid1:1 tmp/zkid1:2
ui_keys 1 C-l
ui_wait_for " images · " 10 >/dev/null
ui_keys P
ui_wait_for 'Clean up dangling images' 15 >/dev/null
ui_keys a u u u
t_ok "P a u u u: docker image prune -a --filter until=720h" ui_wait_for 'docker image prune -a --filter until=720h' 15
if t_ok "-a: exactly the three images go, 73.73kB (not the sizes' 155.6kB)" \
	ui_wait_for '3 images go, freeing 73\.73kB:' 15; then
	t_eq "-a: the preview lists every tag of the child" $'tmp/zkid1:1\ntmp/zkid1:2' \
		"$(ui_screen | grep -oE 'tmp/zkid1:[12]' | sort)"
	ui_keys y
	t_ok "y: the engine reclaimed 73.73kB" ui_wait_for 'Total reclaimed space: 73\.73kB' 15
else
	ui_keys n
fi
ui_stop

for ((k = 0; k < n; k++)); do "$D" rm "sz-keep-$k" >/dev/null; done
"$D" image rm tmp/zbase:1 tmp/zkid1:1 tmp/zkid1:2 tmp/zkid2:1 >/dev/null 2>&1 || true  # left only by a failure
