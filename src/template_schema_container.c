/* The schema of a container's inspect document: docker 20.10's types.ContainerJSON (API 1.41),
 * field by field, with the Go names and JSON keys and omitempty as the CLI's structs have them.
 *
 * Go embeds structs here (*ContainerJSONBase in ContainerJSON, Resources in HostConfig,
 * NetworkSettingsBase and DefaultNetworkSettings in NetworkSettings). Their fields are listed
 * in the embedding struct, in place: field access and `json` are then exactly Go's. Printing
 * the embedding struct whole with %v would differ (Go nests the embedded one in braces), but
 * all three hold pointers the engine always sets (State, OomKillDisable, Networks' entries), so
 * such a print is refused as a memory address before it could be wrong. */
#include "config.h"

#include <stddef.h>

#include "template.h"
#include "template_internal.h"

static const struct gtype T_uint = { .kind = K_INT, .name = "uint" };
static const struct gtype T_uint16 = { .kind = K_INT, .name = "uint16" };
static const struct gtype T_uint64 = { .kind = K_INT, .name = "uint64" };
static const struct gtype T_pint64 = { .kind = K_PTR, .name = "*int64", .elem = &T_int64 };
static const struct gtype T_pbool = { .kind = K_PTR, .name = "*bool", .elem = &T_bool };
static const struct gtype T_console = { .kind = K_SLICE, .name = "[2]uint", .elem = &T_uint };
static const struct gtype T_strss = { .kind = K_SLICE, .name = "[][]string", .elem = &T_strs };

/* Named string types print as strings; %T shows the name. */
#define NAMED_STRING(var, goname) static const struct gtype var = { .kind = K_STRING, .name = goname }
NAMED_STRING(T_network_mode, "container.NetworkMode");
NAMED_STRING(T_ipc_mode, "container.IpcMode");
NAMED_STRING(T_pid_mode, "container.PidMode");
NAMED_STRING(T_uts_mode, "container.UTSMode");
NAMED_STRING(T_userns_mode, "container.UsernsMode");
NAMED_STRING(T_cgroupns_mode, "container.CgroupnsMode");
NAMED_STRING(T_cgroup_spec, "container.CgroupSpec");
NAMED_STRING(T_isolation, "container.Isolation");
NAMED_STRING(T_mount_type, "mount.Type");
NAMED_STRING(T_propagation, "mount.Propagation");
NAMED_STRING(T_consistency, "mount.Consistency");
static const struct gtype T_filemode = { .kind = K_INT, .name = "fs.FileMode" };

/* container.Config: as in types.ImageInspect (template_schema_image.c). */
static const struct gfield health_fields[] = {
	{ "Test", "Test", &T_strs, true },
	{ "Interval", "Interval", &T_duration, true },
	{ "Timeout", "Timeout", &T_duration, true },
	{ "StartPeriod", "StartPeriod", &T_duration, true },
	{ "Retries", "Retries", &T_int, true },
};
static const struct gtype T_healthcfg = {
	.kind = K_STRUCT, .name = "container.HealthConfig",
	.fields = health_fields, .nfields = NFIELDS(health_fields)
};
static const struct gtype T_phealthcfg = {
	.kind = K_PTR, .name = "*container.HealthConfig", .elem = &T_healthcfg
};

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
	{ "Healthcheck", "Healthcheck", &T_phealthcfg, true },
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

/* State */
static const struct gfield result_fields[] = {
	{ "Start", "Start", &T_time, false },
	{ "End", "End", &T_time, false },
	{ "ExitCode", "ExitCode", &T_int, false },
	{ "Output", "Output", &T_string, false },
};
static const struct gtype T_result = {
	.kind = K_STRUCT, .name = "types.HealthcheckResult",
	.fields = result_fields, .nfields = NFIELDS(result_fields)
};
static const struct gtype T_presult = { .kind = K_PTR, .name = "*types.HealthcheckResult", .elem = &T_result };
static const struct gtype T_results = { .kind = K_SLICE, .name = "[]*types.HealthcheckResult", .elem = &T_presult };

static const struct gfield health_state_fields[] = {
	{ "Status", "Status", &T_string, false },
	{ "FailingStreak", "FailingStreak", &T_int, false },
	{ "Log", "Log", &T_results, false },
};
static const struct gtype T_health = {
	.kind = K_STRUCT, .name = "types.Health",
	.fields = health_state_fields, .nfields = NFIELDS(health_state_fields)
};
static const struct gtype T_phealth = { .kind = K_PTR, .name = "*types.Health", .elem = &T_health };

static const struct gfield state_fields[] = {
	{ "Status", "Status", &T_string, false },
	{ "Running", "Running", &T_bool, false },
	{ "Paused", "Paused", &T_bool, false },
	{ "Restarting", "Restarting", &T_bool, false },
	{ "OOMKilled", "OOMKilled", &T_bool, false },
	{ "Dead", "Dead", &T_bool, false },
	{ "Pid", "Pid", &T_int, false },
	{ "ExitCode", "ExitCode", &T_int, false },
	{ "Error", "Error", &T_string, false },
	{ "StartedAt", "StartedAt", &T_string, false },
	{ "FinishedAt", "FinishedAt", &T_string, false },
	{ "Health", "Health", &T_phealth, true },
};
static const struct gtype T_state = {
	.kind = K_STRUCT, .name = "types.ContainerState",
	.fields = state_fields, .nfields = NFIELDS(state_fields)
};
static const struct gtype T_pstate = { .kind = K_PTR, .name = "*types.ContainerState", .elem = &T_state };

static const struct gfield node_fields[] = {
	{ "ID", "ID", &T_string, false },
	{ "IPAddress", "IP", &T_string, false },
	{ "Addr", "Addr", &T_string, false },
	{ "Name", "Name", &T_string, false },
	{ "Cpus", "Cpus", &T_int, false },
	{ "Memory", "Memory", &T_int64, false },
	{ "Labels", "Labels", &T_map_ss, false },
};
static const struct gtype T_node = {
	.kind = K_STRUCT, .name = "types.ContainerNode",
	.fields = node_fields, .nfields = NFIELDS(node_fields)
};
static const struct gtype T_pnode = { .kind = K_PTR, .name = "*types.ContainerNode", .elem = &T_node };

/* HostConfig */
static const struct gfield logcfg_fields[] = {
	{ "Type", "Type", &T_string, false },
	{ "Config", "Config", &T_map_ss, false },
};
static const struct gtype T_logcfg = {
	.kind = K_STRUCT, .name = "container.LogConfig",
	.fields = logcfg_fields, .nfields = NFIELDS(logcfg_fields)
};

static const struct gfield binding_fields[] = {
	{ "HostIP", "HostIp", &T_string, false },
	{ "HostPort", "HostPort", &T_string, false },
};
static const struct gtype T_binding = {
	.kind = K_STRUCT, .name = "nat.PortBinding",
	.fields = binding_fields, .nfields = NFIELDS(binding_fields)
};
static const struct gtype T_bindings = { .kind = K_SLICE, .name = "[]nat.PortBinding", .elem = &T_binding };
static const struct gtype T_portmap = { .kind = K_MAP, .name = "nat.PortMap", .elem = &T_bindings, .key = &T_port };

static const struct gfield restart_fields[] = {
	{ "Name", "Name", &T_string, false },
	{ "MaximumRetryCount", "MaximumRetryCount", &T_int, false },
};
static const struct gtype T_restart = {
	.kind = K_STRUCT, .name = "container.RestartPolicy",
	.fields = restart_fields, .nfields = NFIELDS(restart_fields)
};

static const struct gfield weight_fields[] = {
	{ "Path", "Path", &T_string, false },
	{ "Weight", "Weight", &T_uint16, false },
};
static const struct gtype T_weight = {
	.kind = K_STRUCT, .name = "blkiodev.WeightDevice",
	.fields = weight_fields, .nfields = NFIELDS(weight_fields)
};
static const struct gtype T_pweight = { .kind = K_PTR, .name = "*blkiodev.WeightDevice", .elem = &T_weight };
static const struct gtype T_weights = { .kind = K_SLICE, .name = "[]*blkiodev.WeightDevice", .elem = &T_pweight };

static const struct gfield throttle_fields[] = {
	{ "Path", "Path", &T_string, false },
	{ "Rate", "Rate", &T_uint64, false },
};
static const struct gtype T_throttle = {
	.kind = K_STRUCT, .name = "blkiodev.ThrottleDevice",
	.fields = throttle_fields, .nfields = NFIELDS(throttle_fields)
};
static const struct gtype T_pthrottle = { .kind = K_PTR, .name = "*blkiodev.ThrottleDevice", .elem = &T_throttle };
static const struct gtype T_throttles = {
	.kind = K_SLICE, .name = "[]*blkiodev.ThrottleDevice", .elem = &T_pthrottle
};

static const struct gfield device_fields[] = {
	{ "PathOnHost", "PathOnHost", &T_string, false },
	{ "PathInContainer", "PathInContainer", &T_string, false },
	{ "CgroupPermissions", "CgroupPermissions", &T_string, false },
};
static const struct gtype T_device = {
	.kind = K_STRUCT, .name = "container.DeviceMapping",
	.fields = device_fields, .nfields = NFIELDS(device_fields)
};
static const struct gtype T_devices = { .kind = K_SLICE, .name = "[]container.DeviceMapping", .elem = &T_device };

static const struct gfield request_fields[] = {
	{ "Driver", "Driver", &T_string, false },
	{ "Count", "Count", &T_int, false },
	{ "DeviceIDs", "DeviceIDs", &T_strs, false },
	{ "Capabilities", "Capabilities", &T_strss, false },
	{ "Options", "Options", &T_map_ss, false },
};
static const struct gtype T_request = {
	.kind = K_STRUCT, .name = "container.DeviceRequest",
	.fields = request_fields, .nfields = NFIELDS(request_fields)
};
static const struct gtype T_requests = { .kind = K_SLICE, .name = "[]container.DeviceRequest", .elem = &T_request };

static const struct gfield ulimit_fields[] = {
	{ "Name", "Name", &T_string, false },
	{ "Hard", "Hard", &T_int64, false },
	{ "Soft", "Soft", &T_int64, false },
};
static const struct gtype T_ulimit = {
	.kind = K_STRUCT, .name = "units.Ulimit",
	.fields = ulimit_fields, .nfields = NFIELDS(ulimit_fields)
};
static const struct gtype T_pulimit = { .kind = K_PTR, .name = "*units.Ulimit", .elem = &T_ulimit };
static const struct gtype T_ulimits = { .kind = K_SLICE, .name = "[]*units.Ulimit", .elem = &T_pulimit };

static const struct gfield bindopt_fields[] = {
	{ "Propagation", "Propagation", &T_propagation, true },
	{ "NonRecursive", "NonRecursive", &T_bool, true },
};
static const struct gtype T_bindopt = {
	.kind = K_STRUCT, .name = "mount.BindOptions",
	.fields = bindopt_fields, .nfields = NFIELDS(bindopt_fields)
};
static const struct gtype T_pbindopt = { .kind = K_PTR, .name = "*mount.BindOptions", .elem = &T_bindopt };

static const struct gfield driver_fields[] = {
	{ "Name", "Name", &T_string, true },
	{ "Options", "Options", &T_map_ss, true },
};
static const struct gtype T_driver = {
	.kind = K_STRUCT, .name = "mount.Driver",
	.fields = driver_fields, .nfields = NFIELDS(driver_fields)
};
static const struct gtype T_pdriver = { .kind = K_PTR, .name = "*mount.Driver", .elem = &T_driver };

static const struct gfield volopt_fields[] = {
	{ "NoCopy", "NoCopy", &T_bool, true },
	{ "Labels", "Labels", &T_map_ss, true },
	{ "DriverConfig", "DriverConfig", &T_pdriver, true },
};
static const struct gtype T_volopt = {
	.kind = K_STRUCT, .name = "mount.VolumeOptions",
	.fields = volopt_fields, .nfields = NFIELDS(volopt_fields)
};
static const struct gtype T_pvolopt = { .kind = K_PTR, .name = "*mount.VolumeOptions", .elem = &T_volopt };

static const struct gfield tmpfsopt_fields[] = {
	{ "SizeBytes", "SizeBytes", &T_int64, true },
	{ "Mode", "Mode", &T_filemode, true },
};
static const struct gtype T_tmpfsopt = {
	.kind = K_STRUCT, .name = "mount.TmpfsOptions",
	.fields = tmpfsopt_fields, .nfields = NFIELDS(tmpfsopt_fields)
};
static const struct gtype T_ptmpfsopt = { .kind = K_PTR, .name = "*mount.TmpfsOptions", .elem = &T_tmpfsopt };

static const struct gfield mount_fields[] = {
	{ "Type", "Type", &T_mount_type, true },
	{ "Source", "Source", &T_string, true },
	{ "Target", "Target", &T_string, true },
	{ "ReadOnly", "ReadOnly", &T_bool, true },
	{ "Consistency", "Consistency", &T_consistency, true },
	{ "BindOptions", "BindOptions", &T_pbindopt, true },
	{ "VolumeOptions", "VolumeOptions", &T_pvolopt, true },
	{ "TmpfsOptions", "TmpfsOptions", &T_ptmpfsopt, true },
};
static const struct gtype T_mount = {
	.kind = K_STRUCT, .name = "mount.Mount",
	.fields = mount_fields, .nfields = NFIELDS(mount_fields)
};
static const struct gtype T_mounts = { .kind = K_SLICE, .name = "[]mount.Mount", .elem = &T_mount };

static const struct gfield hostconfig_fields[] = {
	{ "Binds", "Binds", &T_strs, false },
	{ "ContainerIDFile", "ContainerIDFile", &T_string, false },
	{ "LogConfig", "LogConfig", &T_logcfg, false },
	{ "NetworkMode", "NetworkMode", &T_network_mode, false },
	{ "PortBindings", "PortBindings", &T_portmap, false },
	{ "RestartPolicy", "RestartPolicy", &T_restart, false },
	{ "AutoRemove", "AutoRemove", &T_bool, false },
	{ "VolumeDriver", "VolumeDriver", &T_string, false },
	{ "VolumesFrom", "VolumesFrom", &T_strs, false },
	{ "CapAdd", "CapAdd", &T_strslice, false },
	{ "CapDrop", "CapDrop", &T_strslice, false },
	{ "CgroupnsMode", "CgroupnsMode", &T_cgroupns_mode, false },
	{ "DNS", "Dns", &T_strs, false },
	{ "DNSOptions", "DnsOptions", &T_strs, false },
	{ "DNSSearch", "DnsSearch", &T_strs, false },
	{ "ExtraHosts", "ExtraHosts", &T_strs, false },
	{ "GroupAdd", "GroupAdd", &T_strs, false },
	{ "IpcMode", "IpcMode", &T_ipc_mode, false },
	{ "Cgroup", "Cgroup", &T_cgroup_spec, false },
	{ "Links", "Links", &T_strs, false },
	{ "OomScoreAdj", "OomScoreAdj", &T_int, false },
	{ "PidMode", "PidMode", &T_pid_mode, false },
	{ "Privileged", "Privileged", &T_bool, false },
	{ "PublishAllPorts", "PublishAllPorts", &T_bool, false },
	{ "ReadonlyRootfs", "ReadonlyRootfs", &T_bool, false },
	{ "SecurityOpt", "SecurityOpt", &T_strs, false },
	{ "StorageOpt", "StorageOpt", &T_map_ss, true },
	{ "Tmpfs", "Tmpfs", &T_map_ss, true },
	{ "UTSMode", "UTSMode", &T_uts_mode, false },
	{ "UsernsMode", "UsernsMode", &T_userns_mode, false },
	{ "ShmSize", "ShmSize", &T_int64, false },
	{ "Sysctls", "Sysctls", &T_map_ss, true },
	{ "Runtime", "Runtime", &T_string, true },
	{ "ConsoleSize", "ConsoleSize", &T_console, false },
	{ "Isolation", "Isolation", &T_isolation, false },
	/* Resources, embedded */
	{ "CPUShares", "CpuShares", &T_int64, false },
	{ "Memory", "Memory", &T_int64, false },
	{ "NanoCPUs", "NanoCpus", &T_int64, false },
	{ "CgroupParent", "CgroupParent", &T_string, false },
	{ "BlkioWeight", "BlkioWeight", &T_uint16, false },
	{ "BlkioWeightDevice", "BlkioWeightDevice", &T_weights, false },
	{ "BlkioDeviceReadBps", "BlkioDeviceReadBps", &T_throttles, false },
	{ "BlkioDeviceWriteBps", "BlkioDeviceWriteBps", &T_throttles, false },
	{ "BlkioDeviceReadIOps", "BlkioDeviceReadIOps", &T_throttles, false },
	{ "BlkioDeviceWriteIOps", "BlkioDeviceWriteIOps", &T_throttles, false },
	{ "CPUPeriod", "CpuPeriod", &T_int64, false },
	{ "CPUQuota", "CpuQuota", &T_int64, false },
	{ "CPURealtimePeriod", "CpuRealtimePeriod", &T_int64, false },
	{ "CPURealtimeRuntime", "CpuRealtimeRuntime", &T_int64, false },
	{ "CpusetCpus", "CpusetCpus", &T_string, false },
	{ "CpusetMems", "CpusetMems", &T_string, false },
	{ "Devices", "Devices", &T_devices, false },
	{ "DeviceCgroupRules", "DeviceCgroupRules", &T_strs, false },
	{ "DeviceRequests", "DeviceRequests", &T_requests, false },
	{ "KernelMemory", "KernelMemory", &T_int64, false },
	{ "KernelMemoryTCP", "KernelMemoryTCP", &T_int64, false },
	{ "MemoryReservation", "MemoryReservation", &T_int64, false },
	{ "MemorySwap", "MemorySwap", &T_int64, false },
	{ "MemorySwappiness", "MemorySwappiness", &T_pint64, false },
	{ "OomKillDisable", "OomKillDisable", &T_pbool, false },
	{ "PidsLimit", "PidsLimit", &T_pint64, false },
	{ "Ulimits", "Ulimits", &T_ulimits, false },
	{ "CPUCount", "CpuCount", &T_int64, false },
	{ "CPUPercent", "CpuPercent", &T_int64, false },
	{ "IOMaximumIOps", "IOMaximumIOps", &T_uint64, false },
	{ "IOMaximumBandwidth", "IOMaximumBandwidth", &T_uint64, false },
	/* end of Resources */
	{ "Mounts", "Mounts", &T_mounts, true },
	{ "MaskedPaths", "MaskedPaths", &T_strs, false },
	{ "ReadonlyPaths", "ReadonlyPaths", &T_strs, false },
	{ "Init", "Init", &T_pbool, true },
};
static const struct gtype T_hostconfig = {
	.kind = K_STRUCT, .name = "container.HostConfig",
	.fields = hostconfig_fields, .nfields = NFIELDS(hostconfig_fields)
};
static const struct gtype T_phostconfig = {
	.kind = K_PTR, .name = "*container.HostConfig", .elem = &T_hostconfig
};

static const struct gfield graph_fields[] = {
	{ "Data", "Data", &T_map_ss, false },
	{ "Name", "Name", &T_string, false },
};
static const struct gtype T_graph = {
	.kind = K_STRUCT, .name = "types.GraphDriverData",
	.fields = graph_fields, .nfields = NFIELDS(graph_fields)
};

static const struct gfield mountpoint_fields[] = {
	{ "Type", "Type", &T_mount_type, true },
	{ "Name", "Name", &T_string, true },
	{ "Source", "Source", &T_string, false },
	{ "Destination", "Destination", &T_string, false },
	{ "Driver", "Driver", &T_string, true },
	{ "Mode", "Mode", &T_string, false },
	{ "RW", "RW", &T_bool, false },
	{ "Propagation", "Propagation", &T_propagation, false },
};
static const struct gtype T_mountpoint = {
	.kind = K_STRUCT, .name = "types.MountPoint",
	.fields = mountpoint_fields, .nfields = NFIELDS(mountpoint_fields)
};
static const struct gtype T_mountpoints = { .kind = K_SLICE, .name = "[]types.MountPoint", .elem = &T_mountpoint };

/* NetworkSettings */
static const struct gfield ipam_fields[] = {
	{ "IPv4Address", "IPv4Address", &T_string, true },
	{ "IPv6Address", "IPv6Address", &T_string, true },
	{ "LinkLocalIPs", "LinkLocalIPs", &T_strs, true },
};
static const struct gtype T_ipam = {
	.kind = K_STRUCT, .name = "network.EndpointIPAMConfig",
	.fields = ipam_fields, .nfields = NFIELDS(ipam_fields)
};
static const struct gtype T_pipam = { .kind = K_PTR, .name = "*network.EndpointIPAMConfig", .elem = &T_ipam };

static const struct gfield endpoint_fields[] = {
	{ "IPAMConfig", "IPAMConfig", &T_pipam, false },
	{ "Links", "Links", &T_strs, false },
	{ "Aliases", "Aliases", &T_strs, false },
	{ "NetworkID", "NetworkID", &T_string, false },
	{ "EndpointID", "EndpointID", &T_string, false },
	{ "Gateway", "Gateway", &T_string, false },
	{ "IPAddress", "IPAddress", &T_string, false },
	{ "IPPrefixLen", "IPPrefixLen", &T_int, false },
	{ "IPv6Gateway", "IPv6Gateway", &T_string, false },
	{ "GlobalIPv6Address", "GlobalIPv6Address", &T_string, false },
	{ "GlobalIPv6PrefixLen", "GlobalIPv6PrefixLen", &T_int, false },
	{ "MacAddress", "MacAddress", &T_string, false },
	{ "DriverOpts", "DriverOpts", &T_map_ss, false },
};
static const struct gtype T_endpoint = {
	.kind = K_STRUCT, .name = "network.EndpointSettings",
	.fields = endpoint_fields, .nfields = NFIELDS(endpoint_fields)
};
static const struct gtype T_pendpoint = { .kind = K_PTR, .name = "*network.EndpointSettings", .elem = &T_endpoint };
static const struct gtype T_endpoints = {
	.kind = K_MAP, .name = "map[string]*network.EndpointSettings", .elem = &T_pendpoint, .key = &T_string
};

static const struct gfield address_fields[] = {
	{ "Addr", "Addr", &T_string, false },
	{ "PrefixLen", "PrefixLen", &T_int, false },
};
static const struct gtype T_address = {
	.kind = K_STRUCT, .name = "network.Address",
	.fields = address_fields, .nfields = NFIELDS(address_fields)
};
static const struct gtype T_addresses = { .kind = K_SLICE, .name = "[]network.Address", .elem = &T_address };

static const struct gfield netsettings_fields[] = {
	/* NetworkSettingsBase, embedded */
	{ "Bridge", "Bridge", &T_string, false },
	{ "SandboxID", "SandboxID", &T_string, false },
	{ "HairpinMode", "HairpinMode", &T_bool, false },
	{ "LinkLocalIPv6Address", "LinkLocalIPv6Address", &T_string, false },
	{ "LinkLocalIPv6PrefixLen", "LinkLocalIPv6PrefixLen", &T_int, false },
	{ "Ports", "Ports", &T_portmap, false },
	{ "SandboxKey", "SandboxKey", &T_string, false },
	{ "SecondaryIPAddresses", "SecondaryIPAddresses", &T_addresses, false },
	{ "SecondaryIPv6Addresses", "SecondaryIPv6Addresses", &T_addresses, false },
	/* DefaultNetworkSettings, embedded */
	{ "EndpointID", "EndpointID", &T_string, false },
	{ "Gateway", "Gateway", &T_string, false },
	{ "GlobalIPv6Address", "GlobalIPv6Address", &T_string, false },
	{ "GlobalIPv6PrefixLen", "GlobalIPv6PrefixLen", &T_int, false },
	{ "IPAddress", "IPAddress", &T_string, false },
	{ "IPPrefixLen", "IPPrefixLen", &T_int, false },
	{ "IPv6Gateway", "IPv6Gateway", &T_string, false },
	{ "MacAddress", "MacAddress", &T_string, false },
	/* NetworkSettings' own */
	{ "Networks", "Networks", &T_endpoints, false },
};
static const struct gtype T_netsettings = {
	.kind = K_STRUCT, .name = "types.NetworkSettings",
	.fields = netsettings_fields, .nfields = NFIELDS(netsettings_fields)
};
static const struct gtype T_pnetsettings = {
	.kind = K_PTR, .name = "*types.NetworkSettings", .elem = &T_netsettings
};

static const struct gfield container_fields[] = {
	/* *ContainerJSONBase, embedded */
	{ "ID", "Id", &T_string, false },
	{ "Created", "Created", &T_string, false },
	{ "Path", "Path", &T_string, false },
	{ "Args", "Args", &T_strs, false },
	{ "State", "State", &T_pstate, false },
	{ "Image", "Image", &T_string, false },
	{ "ResolvConfPath", "ResolvConfPath", &T_string, false },
	{ "HostnamePath", "HostnamePath", &T_string, false },
	{ "HostsPath", "HostsPath", &T_string, false },
	{ "LogPath", "LogPath", &T_string, false },
	{ "Node", "Node", &T_pnode, true },
	{ "Name", "Name", &T_string, false },
	{ "RestartCount", "RestartCount", &T_int, false },
	{ "Driver", "Driver", &T_string, false },
	{ "Platform", "Platform", &T_string, false },
	{ "MountLabel", "MountLabel", &T_string, false },
	{ "ProcessLabel", "ProcessLabel", &T_string, false },
	{ "AppArmorProfile", "AppArmorProfile", &T_string, false },
	{ "ExecIDs", "ExecIDs", &T_strs, false },
	{ "HostConfig", "HostConfig", &T_phostconfig, false },
	{ "GraphDriver", "GraphDriver", &T_graph, false },
	{ "SizeRw", "SizeRw", &T_pint64, true },
	{ "SizeRootFs", "SizeRootFs", &T_pint64, true },
	/* ContainerJSON's own */
	{ "Mounts", "Mounts", &T_mountpoints, false },
	{ "Config", "Config", &T_pconfig, false },
	{ "NetworkSettings", "NetworkSettings", &T_pnetsettings, false },
};
static const struct gtype T_container = {
	.kind = K_STRUCT, .name = "types.ContainerJSON",
	.fields = container_fields, .nfields = NFIELDS(container_fields)
};

const struct template_schema template_schema_container = { .root = &T_container };
