/* The panels: one line each. A panel is a stack of views whose root is made by its
 * constructor; its digit (and letter, 0 for none) switch to it from anywhere, and the help and
 * the keymap are generated from this table. Adding a panel is adding a line here. */
#ifndef BUDU_PANELS_H
#define BUDU_PANELS_H

/* X(NAME, digit, letter, constructor of the root view, name, line in the help) */
#define PANEL_LIST(X) \
	X(IMAGES, '1', 0,   images_view_new, N_("Images"), N_("Images panel")) \
	X(SEARCH, '2', 'S', search_view_new, N_("Search"), N_("Search panel (Docker Hub and registries)")) \
	X(JOBS,   '3', 'J', jobs_view_new,   N_("Jobs"),   N_("Jobs panel")) \
	X(CONTAINERS, '4', 'C', containers_view_new, N_("Containers"), N_("Containers panel")) \
	X(REGISTRIES, '6', 0, registries_view_new, N_("Registries"), N_("Registries panel: logins")) \
	X(HOSTS, '7', 'H', hosts_view_new, N_("Hosts"), N_("Hosts panel: contexts and engines, switch between them")) \
	X(DISK, '8', 0, disk_view_new, N_("Disk usage"), N_("Disk usage panel (docker system df)"))

enum panel {
#define PANEL_ENUM(id, digit, letter, make, name, help) PANEL_##id,
	PANEL_LIST(PANEL_ENUM)
#undef PANEL_ENUM
	PANEL_COUNT
};

#endif
