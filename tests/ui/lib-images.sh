# shellcheck shell=bash
# Helpers shared by the Images panel tests: read the rows budu shows and the rows docker prints.

# The list rows on screen as TAB-separated cells (cells are split on runs of 2+ spaces;
# no cell holds two spaces in a row). Drops the title, the header and the status line.
ui_rows() {
	ui_screen | awk 'NR > 2 { print }' | sed '$d' | sed -E 's/ +$//; /^$/d; s/  +/\t/g'
}

# Keep the chosen cells (1-based) of TAB-separated rows, sorted.
cells() {
	awk -F'\t' -v keep="$1" 'BEGIN { n = split(keep, k, ",") }
		{ line = ""; for (i = 1; i <= n; i++) line = line (i > 1 ? "\t" : "") $k[i]; print line }' | sort
}

docker_ls() {
	local fmt=$1
	shift
	"$RIG_DOCKER" image ls "$@" --format "$fmt" | sort
}
