/* Go types shared by the schemas of the typed run: basic types, the standard library's and
 * docker's small named types, and the untyped run's interface{} forms. */
#include "config.h"

#include <stddef.h>

#include "template_internal.h"

const struct gtype T_string = { .kind = K_STRING, .name = "string" };
const struct gtype T_int = { .kind = K_INT, .name = "int" };
const struct gtype T_int64 = { .kind = K_INT, .name = "int64" };
const struct gtype T_uint8 = { .kind = K_INT, .name = "uint8" };
const struct gtype T_float64 = { .kind = K_FLOAT, .name = "float64" };
const struct gtype T_bool = { .kind = K_BOOL, .name = "bool" };
const struct gtype T_duration = { .kind = K_INT, .name = "time.Duration", .special = S_DURATION };
const struct gtype T_time = { .kind = K_STRUCT, .name = "time.Time", .special = S_TIME };
const struct gtype T_number = { .kind = K_STRING, .name = "json.Number", .special = S_NUMBER };
const struct gtype T_port = { .kind = K_STRING, .name = "nat.Port", .special = S_PORT };
const struct gtype T_empty = { .kind = K_STRUCT, .name = "struct {}" };
const struct gtype T_strs = { .kind = K_SLICE, .name = "[]string", .elem = &T_string };
const struct gtype T_strslice = { .kind = K_SLICE, .name = "strslice.StrSlice", .elem = &T_string };
const struct gtype T_map_ss = {
	.kind = K_MAP, .name = "map[string]string", .elem = &T_string, .key = &T_string
};
const struct gtype T_map_se = {
	.kind = K_MAP, .name = "map[string]struct {}", .elem = &T_empty, .key = &T_string
};
const struct gtype T_portset = { .kind = K_MAP, .name = "nat.PortSet", .elem = &T_empty, .key = &T_port };
const struct gtype T_pint = { .kind = K_PTR, .name = "*int", .elem = &T_int };
const struct gtype T_any = { .kind = K_ANY, .name = "interface {}" };
const struct gtype T_rawmap = {
	.kind = K_MAP, .name = "map[string]interface {}", .elem = &T_any, .key = &T_string
};
const struct gtype T_rawslice = { .kind = K_SLICE, .name = "[]interface {}", .elem = &T_any };
