/* Podman's connections (`podman system connection add/ls`), for the Hosts panel: the engines
 * Podman's own CLI reaches, by name.
 *
 * Where podman keeps them (containers/common pkg/config, connections.go and config files):
 * - containers.conf, `[engine] active_service = "NAME"` and `[engine.service_destinations.NAME]`
 *   with `uri` and `identity` (podman 4.x writes them there): $CONTAINERS_CONF alone when set,
 *   else /usr/share/containers/containers.conf, /etc/containers/containers.conf and
 *   $XDG_CONFIG_HOME/containers/containers.conf (~/.config when unset), later files winning;
 * - podman-connections.json (podman 5 and later), `{"Connection": {"Default": "NAME",
 *   "Connections": {"NAME": {"URI": …, "Identity": …}}}}`: $PODMAN_CONNECTIONS_CONF when set,
 *   else beside the user's containers.conf, and /etc/containers/ (where podman 5.0 kept root's).
 *   Its connections win over containers.conf's of the same name, its Default over
 *   active_service.
 *
 * Thread model: no state; any thread. Cost: reads those few small files; no network. */
#ifndef BUDU_PODMAN_CONN_H
#define BUDU_PODMAN_CONN_H

#include <stdbool.h>
#include <stddef.h>

struct podman_conn {
	char *name;
	char *uri;		/* "unix:///run/podman/podman.sock", "ssh://user@host:22/run/…" */
	char *identity;		/* an ssh key file; NULL when none */
	bool is_default;	/* podman's default connection (Default, else active_service) */
};

struct podman_conn_list {
	struct podman_conn *v;	/* in name order */
	size_t n;
};

/* Every connection podman would list (podman system connection ls), from the files above. */
void podman_connections(struct podman_conn_list *out);
void podman_conn_list_free(struct podman_conn_list *l);

/* The parts, for the unit tests: the text of a containers.conf (its service destinations added
 * to or replacing those in *l; its active_service, if any, into *active, replacing what it held),
 * and the text of a podman-connections.json (likewise, its Default into *def). */
void podman_conn_read_conf(const char *text, struct podman_conn_list *l, char **active);
void podman_conn_read_json(const char *text, size_t len, struct podman_conn_list *l, char **def);

#endif
