/* The files of an image, layer by layer (the Files tab): what each layer adds, modifies and
 * removes, the file system as it stands after each layer, and the space wasted by files that a
 * later layer overwrites or removes, as dive counts it.
 *
 * Where it comes from: layer_stream.h reads GET /images/{id}/get through libarchive on worker
 * threads and hands its results over as struct layer_update, one after another; the UI thread
 * applies each with layer_tree_apply(), in the order they were posted. Nothing else changes a
 * tree, so everything here is for the UI thread only (no locks). A finished tree can be kept
 * (per image ID, for the session) and browsed again at no cost: nothing refers to the stream.
 *
 * Layers are addressed by position (0 = the base layer). Until the archive's manifest.json (or
 * index.json) has been read, positions are the order in which layer blobs arrived, and a layer is
 * shown alone (every entry Added, every whiteout Removed: nothing is known below it); docker save
 * writes the manifest near the end, so this is the usual state while streaming. Once the
 * manifest is read (layer_tree_status().ordered), positions are the image's and final: apply
 * returns LAYER_TREE_CHANGED_ORDER once, and the UI re-reads the list (layer_tree_find_blob keeps
 * a selection across it). Layers the manifest names that have not streamed yet are
 * LAYER_STATE_PENDING; views of a later layer skip them until they come.
 *
 * The file model (OCI image spec, layer.md; doc/engine-api.md §13.3): in each layer, whiteouts
 * (".wh.NAME": NAME is removed) and opaque directories (".wh..wh..opq": the directory's lower
 * children are removed) apply to the layers below only, before the layer's own entries,
 * whatever their order in the tar; ".wh..wh.plnk" and any other ".wh..wh.*" are ignored; the
 * markers themselves are never shown. A non-directory entry over a directory removes what was
 * below it. A directory a path needs but no entry states is implicit (shown as a directory
 * 0755 0:0, as the engine creates it); a parent that is there but is no directory (a symlink)
 * stays what it is, with the entries below it (extraction refuses to write through it). Paths are cleaned as the engine cleans them ("./a//b/"
 * is "/a/b"); an entry whose path leaves the root ("../x") is dropped.
 *
 * Changes, for layer L: Added (the path was absent after L-1), Modified (present, and L states
 * it again: a file is Modified even when its metadata is the same, since its content may
 * differ; a directory only when its type, mode, owner or link changed: the tars restate a
 * directory whenever a child changes, and dive does not count those either), Removed (present
 * after L-1, absent after L: a whiteout, an opaque directory, or a non-directory over a
 * directory; a removed directory's contents are Removed too), else Unchanged.
 *
 * Node IDs name paths (the union of every layer's paths), are stable for the tree's life and
 * across updates; LAYER_NODE_ROOT is "/". Names are kept as the tar has them (raw bytes:
 * extraction and reading need them so); every string meant for the screen has a sanitized twin
 * (sanitize.h: "\e", "\xNN"...), the same pointer when the name is clean. Every string a getter
 * returns lives as long as the tree (pools that never move).
 *
 * Cost: per file of the image about 150 bytes (a node: parent, sibling links, name; a record
 * per layer that states it; the caches of one view), 145 measured on 50,000 files, under the
 * 200 aimed at; no file content is ever held. Applying an update is a copy of what the worker prepared (paths are split, interned and
 * sanitized on the worker). A view (layer, CHANGES/AFTER) is computed on first use by replaying
 * layers 0..L over per-node arrays: O(entries of layers 0..L), about 10 ms for 50,000 files, then
 * cached until the layer, view or tree changes; filtering by pattern is O(nodes) per pattern.
 */
#ifndef BUDU_LAYER_TREE_H
#define BUDU_LAYER_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct layer_tree;
struct layer_update;	/* made by layer_stream.h on a worker; applied (and freed) here */
struct layer_pick;	/* what to read or extract from the archive again: layer_stream.h */

#define LAYER_NODE_ROOT 0u
#define LAYER_NODE_NONE UINT32_MAX
#define LAYER_NONE SIZE_MAX	/* no layer (position) */

enum layer_change {
	LAYER_UNCHANGED = 0,
	LAYER_ADDED,
	LAYER_MODIFIED,
	LAYER_REMOVED,
};
/* A set of changes for struct layer_query.show. */
#define LAYER_SHOW(c) (1u << (c))
#define LAYER_SHOW_ALL 0u	/* 0 shows everything */
#define LAYER_SHOW_CHANGES (LAYER_SHOW(LAYER_ADDED) | LAYER_SHOW(LAYER_MODIFIED) | LAYER_SHOW(LAYER_REMOVED))

enum layer_view {
	LAYER_VIEW_CHANGES,	/* what layer L changed: its entries and what it removed */
	LAYER_VIEW_AFTER,	/* the file system after layer L (what a container of it sees),
				 * plus what L removed, marked Removed (hide with show) */
};

enum layer_sort {
	LAYER_SORT_NAME,	/* byte order of the raw names (as dive, ls with LC_ALL=C) */
	LAYER_SORT_SIZE,	/* largest first; ties by name */
};

enum layer_state {
	LAYER_STATE_PENDING,	/* named by the manifest, not streamed yet */
	LAYER_STATE_READING,	/* streaming: entries so far are in the tree */
	LAYER_STATE_DONE,
	LAYER_STATE_FAILED,	/* its tar was damaged: entries before the damage are in */
};

/* One layer, for the left-hand list. */
struct layer_info {
	const char *diff_id;	/* "sha256:<hex>" from the config's rootfs.diff_ids; "" until known */
	const char *blob;	/* its path in the archive ("<v1 id>/layer.tar", "blobs/sha256/<hex>"),
				 * sanitized; for a layer stored as a symlink to another (legacy layout,
				 * identical layers), the path it points to */
	const char *digest;	/* what to show as the layer's digest: diff_id when known, else the
				 * blob's digest for OCI blobs, else "" */
	const char *created_by;	/* the history step that made it, as the History tab shows it
				 * (tabs as spaces, sanitized; history_instruction() splits it);
				 * "" when unknown (no config yet, or no history) */
	const char *comment;	/* the step's comment, sanitized, or "" */
	size_t step;		/* its index in layer_tree_step(), or LAYER_NONE */
	const char *compression;/* "none", "gzip", "zstd"... (libarchive's filter name); "" unknown */
	uint64_t size;		/* bytes of its files: the sum of its tar's entry sizes, as dive counts a
				 * layer's size (what docker history shows, give or take) */
	uint64_t blob_bytes;	/* bytes of the blob in the archive (compressed, for gzip layers) */
	size_t entries;		/* entries of its tar read so far that the model holds: whiteout and
				 * opaque markers included, AUFS metadata and names that leave the
				 * root not */
	enum layer_state state;
	const char *error;	/* LAYER_STATE_FAILED: why (translated); else NULL */
};

/* One history step of the image config (oldest first), metadata-only steps included. */
struct layer_step {
	const char *created_by;	/* as in layer_info */
	const char *comment;
	bool empty_layer;	/* ENV, CMD...: no layer */
	size_t layer;		/* the layer's position, or LAYER_NONE */
};

enum layer_tree_state {
	LAYER_TREE_STREAMING,	/* updates still come */
	LAYER_TREE_DONE,	/* the whole archive was read */
	LAYER_TREE_FAILED,	/* see error; what was read stays browsable */
	LAYER_TREE_CANCELLED,
};

struct layer_tree_status {
	enum layer_tree_state state;
	const char *error;	/* FAILED: translated, as the stream said; else NULL */
	bool ordered;		/* the manifest was read: positions are final */
	bool config;		/* the image config was read: diff IDs and history are known */
	const char *image_id;	/* "sha256:<hex>" of the config, "" until known */
	size_t layers;		/* layers in the list */
	size_t layers_done;	/* of them, read whole */
	uint64_t bytes;		/* bytes of the image archive streamed so far */
	uint64_t total;		/* what the caller expected (layer_stream_opts.expected), 0 unknown */
	double elapsed;		/* seconds since the stream began */
	size_t nodes;		/* paths known (the model's size) */
	size_t memory;		/* bytes the model holds, caches included */
};

/* What a query asks for. */
struct layer_query {
	size_t layer;		/* position */
	enum layer_view view;
	enum layer_sort sort;
	unsigned show;		/* LAYER_SHOW(...) bits; LAYER_SHOW_ALL (0) for all.
				 * "Show only changes" is LAYER_SHOW_CHANGES. */
	const char *pattern;	/* NULL or "": no filter. Else keep entries whose path matches, and
				 * the directories on the way to them: with a '*', '?' or '[' it is a
				 * glob (fnmatch, '*' crossing '/') against the whole path ("/etc/x")
				 * or the name; else a substring of the path. Raw bytes, case kept. */
};

/* One row of the right-hand tree. */
struct layer_entry {
	uint32_t node;
	const char *name;	/* raw, the last component ("" for the root) */
	const char *label;	/* name, sanitized for the screen */
	uint32_t mode;		/* st_mode: S_IFMT type bits and permissions, setuid/setgid/sticky */
	uint32_t uid, gid;
	int64_t mtime;		/* modification time, Unix seconds, as the tar has it (0: implicit) */
	uint64_t size;		/* a regular file: its size (a hard link: 0, as in the tar).
				 * A directory: the bytes of the files below it in this view (CHANGES:
				 * what the layer adds or rewrites below, or for a removed directory what
				 * was removed; AFTER: what is there), whatever show and pattern hide. */
	const char *link;	/* symlink target, or a hard link's target path (as in the tar,
				 * relative to the root: "usr/bin/x"); raw; NULL for neither */
	const char *link_label;	/* link, sanitized; NULL when link is */
	bool hardlink;
	bool implicit;		/* a directory no tar entry states */
	enum layer_change change;	/* relative to the query's layer */
	size_t layer;		/* position of the layer whose version this is (for Removed: the
				 * version that was removed), LAYER_NONE for an implicit directory */
	size_t children;	/* a directory: its rows under the same query (0: nothing to unfold) */
};

/* Totals of a query: what the status line shows. */
struct layer_totals {
	uint64_t bytes;		/* of the files shown (not Removed ones) */
	size_t files;		/* entries shown that are not directories */
	size_t dirs;
	size_t added, modified, removed;	/* shown entries by change */
};

/* Wasted space as dive defines it (filetree/efficiency.go), so that the figures compare: in each
 * layer, every path that is a leaf of that layer's own tree (an entry with no entries below it
 * in the same layer; a whiteout counts as its path) is an occurrence; a file's occurrence
 * counts its size, a whiteout's counts the bytes of the files below the path it removes if
 * that was a directory, else 0. A path with two occurrences or more is wasted, by the sum of
 * its occurrences. The score is the sum over all paths of their smallest occurrence divided by
 * the sum of all occurrences (1 when that is 0). Like dive, opaque directories are not counted
 * (dive ignores ".wh..wh..opq"); unlike dive, a whiteout of a path that no lower layer has
 * counts 0 instead of stopping that layer's count. */
struct layer_waste {
	uint32_t node;		/* the path (layer_tree_path) */
	uint64_t bytes;		/* dive's CumulativeSize */
	size_t count;		/* occurrences */
	size_t *layers;		/* their layers' positions, oldest first (count of them) */
};

struct layer_efficiency {
	uint64_t size;		/* the image: the sum of its layers' sizes (dive's "Total Image size") */
	uint64_t user_size;	/* all layers but the first */
	uint64_t wasted;	/* the sum of items' bytes (dive's "Potential wasted space") */
	double wasted_user;	/* wasted / user_size (dive's WastedUserPercent, a ratio); 0 if no user size */
	double score;		/* 0..1 (dive's "Image efficiency score", shown as int(100 * score) %) */
	struct layer_waste *items;	/* largest first, ties by path */
	size_t nitems;
	size_t layers;		/* layers counted: 0..layers-1 */
	bool complete;		/* every layer was counted; else only the first `layers`, read so far */
};

/* ---- the model ------------------------------------------------------------------------- */

struct layer_tree *layer_tree_new(void);
void layer_tree_free(struct layer_tree *t);

/* What an update changed (bits), so the UI redraws only what it must. */
#define LAYER_TREE_CHANGED_LAYERS 0x01u	/* the list: a layer's state, size, history... */
#define LAYER_TREE_CHANGED_ORDER 0x02u	/* positions changed (the manifest came): reselect */
#define LAYER_TREE_CHANGED_FILES 0x04u	/* entries were added: re-query the open directories */
#define LAYER_TREE_CHANGED_PROGRESS 0x08u	/* bytes streamed */
#define LAYER_TREE_CHANGED_END 0x10u	/* the stream ended: see layer_tree_status().state */

/* UI thread: applies one update from the stream and frees it (u is the caller's no longer).
 * Updates must be applied in the order they were posted, each to the tree they were made
 * for. Returns LAYER_TREE_CHANGED_* bits. */
unsigned layer_tree_apply(struct layer_tree *t, struct layer_update *u);
/* Frees an update that will not be applied (the view closed, the job was cancelled). */
void layer_update_free(struct layer_update *u);

void layer_tree_status(const struct layer_tree *t, struct layer_tree_status *out);

size_t layer_tree_layers(const struct layer_tree *t);
/* false when i is out of range. */
bool layer_tree_layer(const struct layer_tree *t, size_t i, struct layer_info *out);
/* The position of the layer stored at blob (layer_info.blob), or LAYER_NONE. */
size_t layer_tree_find_blob(const struct layer_tree *t, const char *blob);

size_t layer_tree_steps(const struct layer_tree *t);
bool layer_tree_step(const struct layer_tree *t, size_t i, struct layer_step *out);

/* ---- browsing (t is not const: views are cached) --------------------------------------- */

/* The rows under directory dir in q's view, sorted: *out is a new array (caller frees; the
 * strings are the tree's), NULL when there are none. Returns how many. dir may be any node; a
 * node that is no directory has rows only when a layer put entries below it (below a symlink:
 * see the file model above), and layer_entry.children says so. */
size_t layer_tree_children(struct layer_tree *t, const struct layer_query *q, uint32_t dir,
			   struct layer_entry **out);
/* One node in q's view: false when the view does not show it (absent, or hidden by show or
 * pattern). The root is always shown. */
bool layer_tree_entry(struct layer_tree *t, const struct layer_query *q, uint32_t node,
		      struct layer_entry *out);
void layer_tree_totals(struct layer_tree *t, const struct layer_query *q, struct layer_totals *out);
/* The largest file the query shows (not Removed ones), or LAYER_NODE_NONE: "jump to the
 * largest" unfolds layer_tree_parent() up to the root. */
uint32_t layer_tree_largest(struct layer_tree *t, const struct layer_query *q);

/* Pure look-ups on the node table. */
size_t layer_tree_nodes(const struct layer_tree *t);
uint32_t layer_tree_parent(const struct layer_tree *t, uint32_t node);	/* NONE for the root */
/* "/etc/ssl/certs": raw (layer_tree_path) or sanitized (layer_tree_path_label); new strings. */
char *layer_tree_path(const struct layer_tree *t, uint32_t node);
char *layer_tree_path_label(const struct layer_tree *t, uint32_t node);
/* The node of a path ("/etc/passwd", "etc/passwd", "./etc/passwd/"), or LAYER_NODE_NONE. */
uint32_t layer_tree_lookup(const struct layer_tree *t, const char *path);

/* Wasted space and the efficiency score (see struct layer_waste), over the layers read so far
 * in order (all of them once the stream is done). Until the order is known, nothing is counted
 * (layers = 0). Computed on first call after a change, then cached; free with
 * layer_efficiency_free. */
void layer_tree_efficiency(struct layer_tree *t, struct layer_efficiency *out);
void layer_efficiency_free(struct layer_efficiency *e);

/* ---- reading again ----------------------------------------------------------------------- */

/* What node is in q's view, as the entries to take from the archive: for LAYER_VIEW_AFTER the
 * topmost version of node and of everything below it, for LAYER_VIEW_CHANGES what layer L
 * itself states at or below node; Removed entries are never taken, and show and pattern are
 * ignored (a folder is taken whole). A hard link whose target is not taken gets the target's
 * content under its own name. The pick is self-contained (it copies the paths it needs): hand
 * it to a worker, for layer_stream_content() or layer_stream_extract(). NULL, with *err
 * (translated, caller frees), when the view does not have node, the tree is not ordered (a
 * layer's entries are only known by position once it is), or node is a removed entry. */
struct layer_pick *layer_tree_pick(struct layer_tree *t, const struct layer_query *q, uint32_t node,
				   char **err);
void layer_pick_free(struct layer_pick *p);
/* The pick's top: its node's name (raw), and how many entries it takes. */
const char *layer_pick_name(const struct layer_pick *p);
size_t layer_pick_entries(const struct layer_pick *p);

#endif
