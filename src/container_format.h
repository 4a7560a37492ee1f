/* The cells of `docker container ls` that the docker CLI (20.10) computes rather than copies:
 * COMMAND (Ellipsis, then Go's strconv.Quote), IMAGE (truncated IDs, familiar references) and
 * PORTS (DisplayablePorts). containers_parse calls these once per container, on a worker.
 * Pure functions, any thread; cost linear in the input. */
#ifndef BUDU_CONTAINER_FORMAT_H
#define BUDU_CONTAINER_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

#include "containers.h"

struct strbuf;

/* docker ps truncates COMMAND to this display width. */
#define CONTAINER_COMMAND_WIDTH 20

/* Appends Go's strconv.Quote(s[0..len)): `"` and `\` escaped; \a \b \f \n \r \t \v; other
 * bytes below 0x20 and DEL as \xNN; each byte of invalid UTF-8 as \xNN; characters Go does
 * not print (C1 controls, format characters such as U+202E, spaces other than ' ', private
 * use, unassigned) as \uNNNN or \UNNNNNNNN; everything else as it is. The result holds no
 * control character, so it is safe to draw. */
void container_go_quote(struct strbuf *sb, const char *s, size_t len);

/* The COMMAND cell from the engine's raw Command: Quote(Ellipsis(raw, 20)) when trunc, else
 * Quote(raw). Ellipsis counts bytes when every byte is a character (ASCII, or invalid UTF-8
 * bytes, which then turn into U+FFFD if cut), else display width (controls 0, wide 2, with
 * the current LC_CTYPE). New string. */
char *container_format_command(const char *raw, bool trunc);

/* The truncated IMAGE cell: "<no image>" when image is ""; TruncateID(image) when it equals
 * TruncateID(image_id) (created by ID, or the tag moved on and the engine sent the ID); the
 * familiar name and tag when image parses as a reference ("docker.io/library/bb:1" -> "bb:1";
 * a digest is dropped: "busybox@sha256:..." -> "busybox"); else image. New string. */
char *container_format_image(const char *image, const char *image_id);

/* The PORTS cell, as the 20.10 CLI's DisplayablePorts: sorted by private port, IP, public
 * port, type; exposed ports and ports published on the same number collapse into ranges
 * ("9000-9001/udp", "0.0.0.0:8080-8081->8080-8081/tcp"); other mappings follow
 * ("0.0.0.0:8080->80/tcp, :::8080->80/tcp": 20.10 does not bracket IPv6); joined with ", ".
 * A public port without an IP is ignored. New string ("" for none). */
char *container_format_ports(const struct container_port *ports, size_t n);

#endif
