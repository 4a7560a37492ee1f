/* What layer_stream.c hands to layer_tree.c (struct layer_update) and what layer_tree.c hands
 * back for reading again (struct layer_pick): private to the two.
 *
 * Node IDs are made on the stream's side: its path table interns each path (parents first, so
 * a parent's ID is always smaller than its children's) and numbers new paths 1, 2, ... in the
 * order it posts them; the tree appends them in that same order, so both agree without a
 * look-up. Strings travel in the update's pool (one buffer, shrunk to fit when posted) as
 * offsets; the tree adopts the pool whole and turns offsets into pointers. A string whose
 * sanitized form differs is followed in the pool by that form ("raw\0label\0") and flagged. */
#ifndef BUDU_LAYER_PRIVATE_H
#define BUDU_LAYER_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "layer_tree.h"

#define LP_NO_STRING UINT32_MAX

enum lp_kind {
	LP_BLOB_BEGIN,	/* a layer blob starts: path, bytes, compression */
	LP_BLOB_PART,	/* some of its entries: nodes, records */
	LP_BLOB_END,	/* it ended: state, error */
	LP_ALIAS,	/* path is a symlink to target (legacy layout, identical layers) */
	LP_META,	/* the manifest's order and/or the config */
	LP_PROGRESS,
	LP_END,		/* the stream ended: state, error */
};

enum lp_rec_kind {
	LP_REC_ENTRY,
	LP_REC_WHITEOUT,	/* ".wh.NAME": node is the removed path */
	LP_REC_OPAQUE,		/* ".wh..wh..opq": node is the directory */
};

#define LP_REC_HARDLINK 0x01u
#define LP_STR_LABEL 0x80000000u	/* on a name offset: a sanitized form follows the raw one */

struct lp_node {
	uint32_t parent;
	uint32_t name;		/* pool offset, with LP_STR_LABEL */
};

struct lp_rec {
	uint32_t node;
	uint32_t mode, uid, gid;
	uint64_t size;
	int64_t mtime;
	uint32_t link;		/* pool offset, with LP_STR_LABEL, or LP_NO_STRING */
	uint8_t kind;		/* enum lp_rec_kind */
	uint8_t flags;		/* LP_REC_* */
};

struct lp_step {
	char *created_by;	/* sanitized */
	char *comment;
	bool empty_layer;
};

struct layer_update {
	enum lp_kind kind;
	size_t blob;		/* BLOB_*: the blob's number in the stream (0, 1, ... in arrival order) */
	/* BLOB_BEGIN, ALIAS (path, target) */
	char *path, *target;
	char *compression;
	uint64_t bytes;
	/* BLOB_PART */
	uint32_t first_node;	/* the ID of nodes[0] */
	struct lp_node *nodes;
	size_t nnodes;
	struct lp_rec *recs;
	size_t nrecs;
	char *pool;		/* adopted by the tree */
	size_t pool_len;
	/* BLOB_END, END */
	enum layer_state state;
	enum layer_tree_state end;
	char *error;
	/* META */
	bool has_order;
	char **order;		/* the layers' paths in the archive, base first */
	size_t norder;
	bool has_config;
	char *image_id;
	char **diff_ids;
	size_t ndiff_ids;
	struct lp_step *steps;
	size_t nsteps;
	/* PROGRESS (and on every kind: the latest numbers) */
	uint64_t progress_bytes, progress_total;
	double elapsed;
};

/* ---- picks -------------------------------------------------------------------------------- */

enum lp_pick_what {
	LP_PICK_ENTRY,		/* a regular file or hard link: its entry as it is, at dest */
	LP_PICK_CONTENT,	/* write the (regular) entry's content as a regular file at dest: a hard
				 * link whose target is not taken itself */
	LP_PICK_META,		/* a directory, symlink, device or FIFO: made from the model before the
				 * stream, parents first, so that the layers' order in the archive does
				 * not matter (a lower layer's symlink is there before an upper layer's
				 * file below it, which is then refused) */
	LP_PICK_MKDIR,		/* an implicit directory: no entry, made 0755 */
};

struct lp_pick_item {
	char *tar_path;		/* the entry's cleaned path in its layer tar ("etc/ssl/x"); raw */
	char *dest;		/* relative to the extraction's directory ("ssl/x"); raw */
	char *link_dest;	/* ENTRY of a hard link whose target is taken: the target's dest */
	char *symlink;		/* META of a symlink: its target */
	uint32_t blob;		/* ENTRY, CONTENT: index into pick->blobs */
	uint8_t what;
	uint32_t mode, uid, gid;	/* META, MKDIR */
	int64_t mtime;		/* META */
};

struct layer_pick {
	char *name;		/* the top's name (raw); "/" for the root, extracted as "rootfs" */
	char *label;		/* sanitized path of the top, for messages */
	char **blobs;		/* blob paths in the archive */
	size_t nblobs;
	struct lp_pick_item *items;	/* preorder (parents first), the top first; ENTRY and CONTENT
					 * items are looked up by (blob, tar_path) as the stream comes */
	size_t nitems;
	bool top_is_dir;
	bool top_hardlink;	/* content: the top is a hard link, read through its target */
	uint64_t top_size;
};

/* Cleans a tar entry's path as the engine does (path.Clean of "/" + name, leading '/' dropped):
 * "./a//b/" gives "a/b", "/a/./b" gives "a/b"; "" for the root. Returns false for a path that
 * climbs out of the root ("../x", "a/../../x"). dst has room for strlen(src) + 1 bytes. Pure. */
bool lp_clean_path(const char *src, char *dst);

#endif
