/* The schema of an image's inspect document: docker 20.10's types.ImageInspect (API 1.41),
 * field by field, with the Go names and JSON keys and omitempty as the CLI's structs have them. */
#include "config.h"

#include <stddef.h>

#include "template.h"
#include "template_internal.h"

static const struct gfield health_fields[] = {
	{ "Test", "Test", &T_strs, true },
	{ "Interval", "Interval", &T_duration, true },
	{ "Timeout", "Timeout", &T_duration, true },
	{ "StartPeriod", "StartPeriod", &T_duration, true },
	{ "Retries", "Retries", &T_int, true },
};
static const struct gtype T_health = {
	.kind = K_STRUCT, .name = "container.HealthConfig",
	.fields = health_fields, .nfields = NFIELDS(health_fields)
};
static const struct gtype T_phealth = { .kind = K_PTR, .name = "*container.HealthConfig", .elem = &T_health };

static const struct gfield config_fields[] = {
	{ "Hostname", "Hostname", &T_string, false },
	{ "Domainname", "Domainname", &T_string, false },
	{ "User", "User", &T_string, false },
	{ "AttachStdin", "AttachStdin", &T_bool, false },
	{ "AttachStdout", "AttachStdout", &T_bool, false },
	{ "AttachStderr", "AttachStderr", &T_bool, false },
	{ "ExposedPorts", "ExposedPorts", &T_portset, true },
	{ "Tty", "Tty", &T_bool, false },
	{ "OpenStdin", "OpenStdin", &T_bool, false },
	{ "StdinOnce", "StdinOnce", &T_bool, false },
	{ "Env", "Env", &T_strs, false },
	{ "Cmd", "Cmd", &T_strslice, false },
	{ "Healthcheck", "Healthcheck", &T_phealth, true },
	{ "ArgsEscaped", "ArgsEscaped", &T_bool, true },
	{ "Image", "Image", &T_string, false },
	{ "Volumes", "Volumes", &T_map_se, false },
	{ "WorkingDir", "WorkingDir", &T_string, false },
	{ "Entrypoint", "Entrypoint", &T_strslice, false },
	{ "NetworkDisabled", "NetworkDisabled", &T_bool, true },
	{ "MacAddress", "MacAddress", &T_string, true },
	{ "OnBuild", "OnBuild", &T_strs, false },
	{ "Labels", "Labels", &T_map_ss, false },
	{ "StopSignal", "StopSignal", &T_string, true },
	{ "StopTimeout", "StopTimeout", &T_pint, true },
	{ "Shell", "Shell", &T_strslice, true },
};
static const struct gtype T_config = {
	.kind = K_STRUCT, .name = "container.Config",
	.fields = config_fields, .nfields = NFIELDS(config_fields)
};
static const struct gtype T_pconfig = { .kind = K_PTR, .name = "*container.Config", .elem = &T_config };

static const struct gfield graph_fields[] = {
	{ "Data", "Data", &T_map_ss, false },
	{ "Name", "Name", &T_string, false },
};
static const struct gtype T_graph = {
	.kind = K_STRUCT, .name = "types.GraphDriverData",
	.fields = graph_fields, .nfields = NFIELDS(graph_fields)
};

static const struct gfield rootfs_fields[] = {
	{ "Type", "Type", &T_string, false },
	{ "Layers", "Layers", &T_strs, true },
	{ "BaseLayer", "BaseLayer", &T_string, true },
};
static const struct gtype T_rootfs = {
	.kind = K_STRUCT, .name = "types.RootFS",
	.fields = rootfs_fields, .nfields = NFIELDS(rootfs_fields)
};

static const struct gfield meta_fields[] = {
	{ "LastTagTime", "LastTagTime", &T_time, true },
};
static const struct gtype T_meta = {
	.kind = K_STRUCT, .name = "types.ImageMetadata",
	.fields = meta_fields, .nfields = NFIELDS(meta_fields)
};

static const struct gfield inspect_fields[] = {
	{ "ID", "Id", &T_string, false },
	{ "RepoTags", "RepoTags", &T_strs, false },
	{ "RepoDigests", "RepoDigests", &T_strs, false },
	{ "Parent", "Parent", &T_string, false },
	{ "Comment", "Comment", &T_string, false },
	{ "Created", "Created", &T_string, false },
	{ "Container", "Container", &T_string, false },
	{ "ContainerConfig", "ContainerConfig", &T_pconfig, false },
	{ "DockerVersion", "DockerVersion", &T_string, false },
	{ "Author", "Author", &T_string, false },
	{ "Config", "Config", &T_pconfig, false },
	{ "Architecture", "Architecture", &T_string, false },
	{ "Variant", "Variant", &T_string, true },
	{ "Os", "Os", &T_string, false },
	{ "OsVersion", "OsVersion", &T_string, true },
	{ "Size", "Size", &T_int64, false },
	{ "VirtualSize", "VirtualSize", &T_int64, false },
	{ "GraphDriver", "GraphDriver", &T_graph, false },
	{ "RootFS", "RootFS", &T_rootfs, false },
	{ "Metadata", "Metadata", &T_meta, false },
};
static const struct gtype T_inspect = {
	.kind = K_STRUCT, .name = "types.ImageInspect",
	.fields = inspect_fields, .nfields = NFIELDS(inspect_fields)
};

const struct template_schema template_schema_image = { .root = &T_inspect };
