/* --format templates evaluated on a container's inspect document as `docker container inspect
 * --format` (Debian's docker 20.10.24 CLI) prints them: the typed run on types.ContainerJSON
 * first, then the raw map. */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "template.h"
#include "xalloc.h"

#include "fixture.h"

/*
 * $FIXTURES/container-NAME.json: GET /v1.41/containers/NAME/json from the rig (dockerd
 * 20.10.24, captured by tests/fixtures/capture-container.sh):
 *   web    running: env, labels, restart on-failure:3, a named volume, -w, -u, -h, --expose,
 *          a health check not run yet (every hour); --network none
 *   made   created: -t -i --rm, -p 8080:80 -p 127.0.0.1:9000:9000/udp, --entrypoint, an
 *          anonymous volume
 *   exit3  exited 3, a read-only bind
 * Each docker_cases entry is what `/usr/bin/docker container inspect --format FORMAT NAME`
 * printed, without the newline the CLI writes after it.
 */

static cJSON *
load(const char *name)
{
	char *file = xasprintf("container-%s.json", name);
	char *text = fixture_read(file, NULL);
	cJSON *doc = cJSON_Parse(text);
	ck_assert_msg(doc != NULL, "%s does not parse", file);
	free(text);
	free(file);
	return doc;
}

struct docker_case {
	const char *name;	/* fixture NAME */
	const char *format;
	const char *want;
};

/* Generated from the docker CLI's own output; see tests/fixtures/capture-container.sh. */
static const struct docker_case docker_cases[] = {
	{ "web", "{{.State.Status}}",
	  "running" },
	{ "web", "{{.State.Running}} {{.State.Paused}} {{.State.ExitCode}} {{.State.Pid | printf \"%T\"}}",
	  "true false 0 int" },
	{ "web", "{{.State.StartedAt}}",
	  "2026-12-05T16:01:06.225010283Z" },
	{ "web", "{{.State.FinishedAt}}",
	  "0001-01-01T00:00:00Z" },
	{ "web", "{{.State.Health.Status}}",
	  "starting" },
	{ "web", "{{.State.Health.FailingStreak}} {{len .State.Health.Log}}",
	  "0 0" },
	{ "web", "{{json .State.Health}}",
	  "{\"Status\":\"starting\",\"FailingStreak\":0,\"Log\":[]}" },
	{ "web", "{{.State.Error}}",
	  "" },
	{ "web", "{{.State.OOMKilled}}",
	  "false" },
	{ "web", "{{.Name}}",
	  "/web" },
	{ "web", "{{.Id}}",
	  "ff5e516162eda24788e367323209c8d005053b07391069c767f4cf7640bd0623" },
	{ "web", "{{.ID}}",
	  "ff5e516162eda24788e367323209c8d005053b07391069c767f4cf7640bd0623" },
	{ "web", "{{.Created}}",
	  "2026-12-05T16:01:05.699285096Z" },
	{ "web", "{{.Path}} {{.Args}}",
	  "sleep [100000]" },
	{ "web", "{{.Image}}",
	  "sha256:06df376f3db3e1091f78725c08ab1bfc6091df372e3200c686ab9fcb3561257f" },
	{ "web", "{{.RestartCount}}",
	  "0" },
	{ "web", "{{.Driver}}",
	  "vfs" },
	{ "web", "{{.Platform}}",
	  "linux" },
	{ "web", "{{.MountLabel}}|{{.ProcessLabel}}|{{.AppArmorProfile}}",
	  "||" },
	{ "web", "{{.ExecIDs}}",
	  "[]" },
	{ "web", "{{.SizeRw}} {{.SizeRootFs}}",
	  "<nil> <nil>" },
	{ "web", "{{.Config.Env}}",
	  "[FOO=bar Q=a\"b<c>&]" },
	{ "web", "{{json .Config.Env}}",
	  "[\"FOO=bar\",\"Q=a\\\"b<c>&\"]" },
	{ "web", "{{range .Config.Env}}{{println .}}{{end}}",
	  "FOO=bar\nQ=a\"b<c>&\n" },
	{ "web", "{{.Config.Labels}}",
	  "map[app:demo org.example:v<1>&]" },
	{ "web", "{{index .Config.Labels \"app\"}}",
	  "demo" },
	{ "web", "{{index .Config.Labels \"nope\"}}",
	  "" },
	{ "web", "{{.Config.Labels.nope}}",
	  "<no value>" },
	{ "web", "{{.Config.Image}} {{.Config.Hostname}} {{.Config.User}} {{.Config.WorkingDir}}",
	  "bb:1.0 webhost 0:0 /tmp" },
	{ "web", "{{.Config.Cmd}} {{.Config.Entrypoint}}",
	  "[sleep 100000] []" },
	{ "web", "{{json .Config.Cmd}} {{json .Config.Entrypoint}}",
	  "[\"sleep\",\"100000\"] null" },
	{ "web", "{{.Config.Tty}} {{.Config.OpenStdin}} {{.Config.StdinOnce}} {{.Config.AttachStdin}}",
	  "false false false false" },
	{ "web", "{{.Config.ExposedPorts}}",
	  "map[7000/tcp:{}]" },
	{ "web", "{{.Config.Volumes}}",
	  "map[]" },
	{ "web", "{{.Config.Healthcheck}}",
	  "{[CMD-SHELL true] 1h0m0s 0s 0s 0}" },
	{ "web", "{{.Config.Healthcheck.Interval}}",
	  "1h0m0s" },
	{ "web", "{{.Config.StopSignal}} {{.Config.StopTimeout}}",
	  " <nil>" },
	{ "web", "{{.HostConfig.RestartPolicy}}",
	  "{on-failure 3}" },
	{ "web", "{{.HostConfig.RestartPolicy.Name}}:{{.HostConfig.RestartPolicy.MaximumRetryCount}}",
	  "on-failure:3" },
	{ "web", "{{json .HostConfig.RestartPolicy}}",
	  "{\"Name\":\"on-failure\",\"MaximumRetryCount\":3}" },
	{ "web", "{{.HostConfig.Binds}}",
	  "[data1:/data]" },
	{ "web", "{{.HostConfig.NetworkMode}}",
	  "none" },
	{ "web", "{{.HostConfig.PortBindings}}",
	  "map[]" },
	{ "web", "{{json .HostConfig.PortBindings}}",
	  "{}" },
	{ "web", "{{range $p, $b := .HostConfig.PortBindings}}{{$p}}->{{(index $b 0).HostIp}}:{{(index $b "
	  "0).HostPort}} {{end}}",
	  "" },
	{ "web", "{{.HostConfig.AutoRemove}} {{.HostConfig.Privileged}} {{.HostConfig.PublishAllPorts}}",
	  "false false false" },
	{ "web", "{{.HostConfig.LogConfig}}",
	  "{json-file map[]}" },
	{ "web", "{{.HostConfig.LogConfig.Type}}",
	  "json-file" },
	{ "web", "{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.CpuShares}}",
	  "0 0 0" },
	{ "web", "{{.HostConfig.ShmSize}}",
	  "67108864" },
	{ "web", "{{.HostConfig.Mounts}}",
	  "[]" },
	{ "web", "{{.HostConfig.Dns}} {{.HostConfig.ExtraHosts}} {{.HostConfig.CapAdd}}",
	  "[] <no value> <no value>" },
	{ "web", "{{.HostConfig.MaskedPaths}}",
	  "[/proc/asound /proc/acpi /proc/kcore /proc/keys /proc/latency_stats /proc/timer_list /pr"
	  "oc/timer_stats /proc/sched_debug /proc/scsi /sys/firmware]" },
	{ "web", "{{.HostConfig.ConsoleSize}}",
	  "[0 0]" },
	{ "web", "{{.HostConfig.Isolation}}|{{.HostConfig.CgroupnsMode}}|{{.HostConfig.IpcMode}}",
	  "|host|private" },
	{ "web", "{{.HostConfig.Ulimits}} {{.HostConfig.Devices}}",
	  "[] []" },
	{ "web", "{{.NetworkSettings.Ports}}",
	  "map[]" },
	{ "web", "{{json .NetworkSettings.Ports}}",
	  "{}" },
	{ "web", "{{json .NetworkSettings.Networks}}",
	  "{\"none\":{\"IPAMConfig\":null,\"Links\":null,\"Aliases\":null,\"NetworkID\":\"864e0ae42"
	  "b443d1014a7cf63d03ee9000a6d5a0ff8b8ba612f81ba1f2c7411d3\",\"EndpointID\":\"4c0ff6c156528"
	  "4d6c6a013e9dd595a42ca5d0aa253739bc2451ba7b31317a847\",\"Gateway\":\"\",\"IPAddress\":\"\""
	  ",\"IPPrefixLen\":0,\"IPv6Gateway\":\"\",\"GlobalIPv6Address\":\"\",\"GlobalIPv6PrefixLen"
	  "\":0,\"MacAddress\":\"\",\"DriverOpts\":null}}" },
	{ "web", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.IPAddress}};{{end}}",
	  "none=;" },
	{ "web", "{{.NetworkSettings.IPAddress}}|{{.NetworkSettings.Gateway}}|{{.NetworkSettings.MacAddres"
	  "s}}",
	  "||" },
	{ "web", "{{.NetworkSettings.SandboxKey}}",
	  "/tmp/rig.s7T8Su/exec/netns/a18e2c380b26" },
	{ "web", "{{json .Mounts}}",
	  "[{\"Type\":\"volume\",\"Name\":\"data1\",\"Source\":\"/tmp/rig.s7T8Su/data/volumes/data1"
	  "/_data\",\"Destination\":\"/data\",\"Driver\":\"local\",\"Mode\":\"z\",\"RW\":true,\"Pro"
	  "pagation\":\"\"}]" },
	{ "web", "{{.Mounts}}",
	  "[{volume data1 /tmp/rig.s7T8Su/data/volumes/data1/_data /data local z true }]" },
	{ "web", "{{range .Mounts}}{{.Type}} {{.Name}} {{.Destination}} {{.RW}} {{.Mode}};{{end}}",
	  "volume data1 /data true z;" },
	{ "web", "{{(index .Mounts 0).Destination}}",
	  "/data" },
	{ "web", "{{len .Mounts}}",
	  "1" },
	{ "web", "{{.GraphDriver.Name}}",
	  "vfs" },
	{ "web", "{{.GraphDriver.Data}}",
	  "map[]" },
	{ "web", "{{json .GraphDriver}}",
	  "{\"Data\":null,\"Name\":\"vfs\"}" },
	{ "web", "{{.LogPath}}",
	  "/tmp/rig.s7T8Su/data/containers/ff5e516162eda24788e367323209c8d005053b07391069c767f4cf76"
	  "40bd0623/ff5e516162eda24788e367323209c8d005053b07391069c767f4cf7640bd0623-json.log" },
	{ "web", "{{.ResolvConfPath}}",
	  "/tmp/rig.s7T8Su/data/containers/ff5e516162eda24788e367323209c8d005053b07391069c767f4cf76"
	  "40bd0623/resolv.conf" },
	{ "web", "{{json .State}}",
	  "{\"Status\":\"running\",\"Running\":true,\"Paused\":false,\"Restarting\":false,\"OOMKill"
	  "ed\":false,\"Dead\":false,\"Pid\":21452,\"ExitCode\":0,\"Error\":\"\",\"StartedAt\":\"20"
	  "26-12-05T16:01:06.225010283Z\",\"FinishedAt\":\"0001-01-01T00:00:00Z\",\"Health\":{\"Sta"
	  "tus\":\"starting\",\"FailingStreak\":0,\"Log\":[]}}" },
	{ "web", "{{json .Config}}",
	  "{\"Hostname\":\"webhost\",\"Domainname\":\"\",\"User\":\"0:0\",\"AttachStdin\":false,\"A"
	  "ttachStdout\":false,\"AttachStderr\":false,\"ExposedPorts\":{\"7000/tcp\":{}},\"Tty\":fa"
	  "lse,\"OpenStdin\":false,\"StdinOnce\":false,\"Env\":[\"FOO=bar\",\"Q=a\\\"b<c>&\"],\"Cmd"
	  "\":[\"sleep\",\"100000\"],\"Healthcheck\":{\"Test\":[\"CMD-SHELL\",\"true\"],\"Interval\""
	  ":3600000000000},\"Image\":\"bb:1.0\",\"Volumes\":null,\"WorkingDir\":\"/tmp\",\"Entrypoi"
	  "nt\":null,\"OnBuild\":null,\"Labels\":{\"app\":\"demo\",\"org.example\":\"v<1>&\"}}" },
	{ "web", "{{json .HostConfig.LogConfig}}",
	  "{\"Type\":\"json-file\",\"Config\":{}}" },
	{ "web", "{{.Id}} {{.State.Status}}",
	  "ff5e516162eda24788e367323209c8d005053b07391069c767f4cf7640bd0623 running" },
	{ "web", "{{.Id}} {{.Config.Labels}}",
	  "ff5e516162eda24788e367323209c8d005053b07391069c767f4cf7640bd0623 map[app:demo org.exampl"
	  "e:v<1>&]" },
	{ "web", "{{.Id}} {{.HostConfig.RestartPolicy}}",
	  "ff5e516162eda24788e367323209c8d005053b07391069c767f4cf7640bd0623 map[MaximumRetryCount:3"
	  " Name:on-failure]" },
	{ "web", "{{.Id}} {{.NetworkSettings.Ports}}",
	  "ff5e516162eda24788e367323209c8d005053b07391069c767f4cf7640bd0623 map[]" },
	{ "web", "{{.Id}} {{.State.Health}}",
	  "ff5e516162eda24788e367323209c8d005053b07391069c767f4cf7640bd0623 map[FailingStreak:0 Log"
	  ":[] Status:starting]" },
	{ "web", "{{if .State.Running}}up{{else}}down {{.State.ExitCode}}{{end}}",
	  "up" },
	{ "web", "{{with .State.Health}}{{.Status}}{{else}}no health{{end}}",
	  "starting" },
	{ "web", "{{printf \"%s %d\" .Name .RestartCount}}",
	  "/web 0" },
	{ "web", "{{upper .State.Status}} {{title .HostConfig.NetworkMode}}",
	  "RUNNING None" },
	{ "web", "{{join .Args \",\"}}",
	  "100000" },
	{ "web", "{{index .Args 0}}",
	  "100000" },
	{ "web", "{{slice .Id 0 12}}",
	  "ff5e516162ed" },
	{ "web", "{{.Name | printf \"%q\"}}",
	  "\"/web\"" },
	{ "web", "{{eq .State.Status \"running\"}}",
	  "true" },
	{ "web", "{{printf \"%T %T %T %T %T\" .State .Config .HostConfig .Mounts .NetworkSettings.Ports}}",
	  "*types.ContainerState *container.Config *container.HostConfig []types.MountPoint nat.Por"
	  "tMap" },
	{ "web", "{{printf \"%T %T\" .State.Health .HostConfig.RestartPolicy}}",
	  "*types.Health container.RestartPolicy" },
	{ "web", "{{.HostConfig.Tmpfs}} {{.HostConfig.Sysctls}}",
	  "map[] map[]" },
	{ "web", "{{.HostConfig.ReadonlyRootfs}} {{.HostConfig.OomKillDisable}} {{.HostConfig.PidsLimit}}",
	  "false false <nil>" },
	{ "web", "{{.HostConfig.BlkioWeight}} {{.HostConfig.CpuQuota}} {{.HostConfig.MemorySwappiness}}",
	  "0 0 <no value>" },
	{ "web", "{{.HostConfig.Runtime}} {{.HostConfig.UTSMode}} {{.HostConfig.UsernsMode}}",
	  "runc  " },
	{ "web", "{{.HostConfig.ContainerIDFile}}|{{.HostConfig.VolumeDriver}}|{{.HostConfig.VolumesFrom}}"
	  "",
	  "||[]" },
	{ "made", "{{.State.Status}}",
	  "created" },
	{ "made", "{{.State}}",
	  "{created false false false false false 0 0  0001-01-01T00:00:00Z 0001-01-01T00:00:00Z <n"
	  "il>}" },
	{ "made", "{{.State.Running}} {{.State.Paused}} {{.State.ExitCode}} {{.State.Pid | printf \"%T\"}}",
	  "false false 0 int" },
	{ "made", "{{.State.StartedAt}}",
	  "0001-01-01T00:00:00Z" },
	{ "made", "{{.State.FinishedAt}}",
	  "0001-01-01T00:00:00Z" },
	{ "made", "{{json .State.Health}}",
	  "null" },
	{ "made", "{{.State.Error}}",
	  "" },
	{ "made", "{{.State.OOMKilled}}",
	  "false" },
	{ "made", "{{.Name}}",
	  "/made" },
	{ "made", "{{.Id}}",
	  "a81021ae4a00005bf7d60cef48a84d8ebe44c393aba4775010f133a8bdb46a81" },
	{ "made", "{{.ID}}",
	  "a81021ae4a00005bf7d60cef48a84d8ebe44c393aba4775010f133a8bdb46a81" },
	{ "made", "{{.Created}}",
	  "2026-12-05T16:01:06.300250243Z" },
	{ "made", "{{.Path}} {{.Args}}",
	  "/bin/sh [-c echo hi]" },
	{ "made", "{{.Image}}",
	  "sha256:06df376f3db3e1091f78725c08ab1bfc6091df372e3200c686ab9fcb3561257f" },
	{ "made", "{{.RestartCount}}",
	  "0" },
	{ "made", "{{.Driver}}",
	  "vfs" },
	{ "made", "{{.Platform}}",
	  "linux" },
	{ "made", "{{.MountLabel}}|{{.ProcessLabel}}|{{.AppArmorProfile}}",
	  "||" },
	{ "made", "{{.ExecIDs}}",
	  "[]" },
	{ "made", "{{.SizeRw}} {{.SizeRootFs}}",
	  "<nil> <nil>" },
	{ "made", "{{.Config.Env}}",
	  "[]" },
	{ "made", "{{json .Config.Env}}",
	  "null" },
	{ "made", "{{range .Config.Env}}{{println .}}{{end}}",
	  "" },
	{ "made", "{{.Config.Labels}}",
	  "map[]" },
	{ "made", "{{index .Config.Labels \"app\"}}",
	  "" },
	{ "made", "{{index .Config.Labels \"nope\"}}",
	  "" },
	{ "made", "{{.Config.Labels.nope}}",
	  "<no value>" },
	{ "made", "{{.Config.Image}} {{.Config.Hostname}} {{.Config.User}} {{.Config.WorkingDir}}",
	  "bb:1.0 a81021ae4a00  " },
	{ "made", "{{.Config.Cmd}} {{.Config.Entrypoint}}",
	  "[-c echo hi] [/bin/sh]" },
	{ "made", "{{json .Config.Cmd}} {{json .Config.Entrypoint}}",
	  "[\"-c\",\"echo hi\"] [\"/bin/sh\"]" },
	{ "made", "{{.Config.Tty}} {{.Config.OpenStdin}} {{.Config.StdinOnce}} {{.Config.AttachStdin}}",
	  "true true true true" },
	{ "made", "{{.Config.ExposedPorts}}",
	  "map[80/tcp:{} 9000/udp:{}]" },
	{ "made", "{{.Config.Volumes}}",
	  "map[/anon:{}]" },
	{ "made", "{{.Config.Healthcheck}}",
	  "<nil>" },
	{ "made", "{{.Config.StopSignal}} {{.Config.StopTimeout}}",
	  " <nil>" },
	{ "made", "{{.HostConfig.RestartPolicy}}",
	  "{no 0}" },
	{ "made", "{{.HostConfig.RestartPolicy.Name}}:{{.HostConfig.RestartPolicy.MaximumRetryCount}}",
	  "no:0" },
	{ "made", "{{json .HostConfig.RestartPolicy}}",
	  "{\"Name\":\"no\",\"MaximumRetryCount\":0}" },
	{ "made", "{{.HostConfig.Binds}}",
	  "[]" },
	{ "made", "{{.HostConfig.NetworkMode}}",
	  "none" },
	{ "made", "{{.HostConfig.PortBindings}}",
	  "map[80/tcp:[{ 8080}] 9000/udp:[{127.0.0.1 9000}]]" },
	{ "made", "{{json .HostConfig.PortBindings}}",
	  "{\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"8080\"}],\"9000/udp\":[{\"HostIp\":\"127.0."
	  "0.1\",\"HostPort\":\"9000\"}]}" },
	{ "made", "{{range $p, $b := .HostConfig.PortBindings}}{{$p}}->{{(index $b 0).HostIp}}:{{(index $b "
	  "0).HostPort}} {{end}}",
	  "80/tcp->:8080 9000/udp->127.0.0.1:9000 " },
	{ "made", "{{.HostConfig.AutoRemove}} {{.HostConfig.Privileged}} {{.HostConfig.PublishAllPorts}}",
	  "true false false" },
	{ "made", "{{.HostConfig.LogConfig}}",
	  "{json-file map[]}" },
	{ "made", "{{.HostConfig.LogConfig.Type}}",
	  "json-file" },
	{ "made", "{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.CpuShares}}",
	  "0 0 0" },
	{ "made", "{{.HostConfig.ShmSize}}",
	  "67108864" },
	{ "made", "{{.HostConfig.Mounts}}",
	  "[]" },
	{ "made", "{{.HostConfig.Dns}} {{.HostConfig.ExtraHosts}} {{.HostConfig.CapAdd}}",
	  "[] <no value> <no value>" },
	{ "made", "{{.HostConfig.MaskedPaths}}",
	  "[/proc/asound /proc/acpi /proc/kcore /proc/keys /proc/latency_stats /proc/timer_list /pr"
	  "oc/timer_stats /proc/sched_debug /proc/scsi /sys/firmware]" },
	{ "made", "{{.HostConfig.ConsoleSize}}",
	  "[0 0]" },
	{ "made", "{{.HostConfig.Isolation}}|{{.HostConfig.CgroupnsMode}}|{{.HostConfig.IpcMode}}",
	  "|host|private" },
	{ "made", "{{.HostConfig.Ulimits}} {{.HostConfig.Devices}}",
	  "[] []" },
	{ "made", "{{.NetworkSettings.Ports}}",
	  "map[]" },
	{ "made", "{{json .NetworkSettings.Ports}}",
	  "{}" },
	{ "made", "{{json .NetworkSettings.Networks}}",
	  "{\"none\":{\"IPAMConfig\":null,\"Links\":null,\"Aliases\":null,\"NetworkID\":\"\",\"Endp"
	  "ointID\":\"\",\"Gateway\":\"\",\"IPAddress\":\"\",\"IPPrefixLen\":0,\"IPv6Gateway\":\"\""
	  ",\"GlobalIPv6Address\":\"\",\"GlobalIPv6PrefixLen\":0,\"MacAddress\":\"\",\"DriverOpts\""
	  ":null}}" },
	{ "made", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.IPAddress}};{{end}}",
	  "none=;" },
	{ "made", "{{.NetworkSettings.IPAddress}}|{{.NetworkSettings.Gateway}}|{{.NetworkSettings.MacAddres"
	  "s}}",
	  "||" },
	{ "made", "{{.NetworkSettings.SandboxKey}}",
	  "" },
	{ "made", "{{json .Mounts}}",
	  "[{\"Type\":\"volume\",\"Name\":\"9fcdeebf08f23590774760c178e6b4eb84745e511fb8a42da8498f9"
	  "0b3cba659\",\"Source\":\"/tmp/rig.s7T8Su/data/volumes/9fcdeebf08f23590774760c178e6b4eb84"
	  "745e511fb8a42da8498f90b3cba659/_data\",\"Destination\":\"/anon\",\"Driver\":\"local\",\""
	  "Mode\":\"\",\"RW\":true,\"Propagation\":\"\"}]" },
	{ "made", "{{.Mounts}}",
	  "[{volume 9fcdeebf08f23590774760c178e6b4eb84745e511fb8a42da8498f90b3cba659 /tmp/rig.s7T8S"
	  "u/data/volumes/9fcdeebf08f23590774760c178e6b4eb84745e511fb8a42da8498f90b3cba659/_data /a"
	  "non local  true }]" },
	{ "made", "{{range .Mounts}}{{.Type}} {{.Name}} {{.Destination}} {{.RW}} {{.Mode}};{{end}}",
	  "volume 9fcdeebf08f23590774760c178e6b4eb84745e511fb8a42da8498f90b3cba659 /anon true ;" },
	{ "made", "{{(index .Mounts 0).Destination}}",
	  "/anon" },
	{ "made", "{{len .Mounts}}",
	  "1" },
	{ "made", "{{.GraphDriver.Name}}",
	  "vfs" },
	{ "made", "{{.GraphDriver.Data}}",
	  "map[]" },
	{ "made", "{{json .GraphDriver}}",
	  "{\"Data\":null,\"Name\":\"vfs\"}" },
	{ "made", "{{.LogPath}}",
	  "" },
	{ "made", "{{.ResolvConfPath}}",
	  "" },
	{ "made", "{{json .State}}",
	  "{\"Status\":\"created\",\"Running\":false,\"Paused\":false,\"Restarting\":false,\"OOMKil"
	  "led\":false,\"Dead\":false,\"Pid\":0,\"ExitCode\":0,\"Error\":\"\",\"StartedAt\":\"0001-"
	  "01-01T00:00:00Z\",\"FinishedAt\":\"0001-01-01T00:00:00Z\"}" },
	{ "made", "{{json .Config}}",
	  "{\"Hostname\":\"a81021ae4a00\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\":true,\""
	  "AttachStdout\":true,\"AttachStderr\":true,\"ExposedPorts\":{\"80/tcp\":{},\"9000/udp\":{"
	  "}},\"Tty\":true,\"OpenStdin\":true,\"StdinOnce\":true,\"Env\":null,\"Cmd\":[\"-c\",\"ech"
	  "o hi\"],\"Image\":\"bb:1.0\",\"Volumes\":{\"/anon\":{}},\"WorkingDir\":\"\",\"Entrypoint"
	  "\":[\"/bin/sh\"],\"OnBuild\":null,\"Labels\":{}}" },
	{ "made", "{{json .HostConfig.LogConfig}}",
	  "{\"Type\":\"json-file\",\"Config\":{}}" },
	{ "made", "{{.Id}} {{.State.Status}}",
	  "a81021ae4a00005bf7d60cef48a84d8ebe44c393aba4775010f133a8bdb46a81 created" },
	{ "made", "{{.Id}} {{.Config.Labels}}",
	  "a81021ae4a00005bf7d60cef48a84d8ebe44c393aba4775010f133a8bdb46a81 map[]" },
	{ "made", "{{.Id}} {{.HostConfig.RestartPolicy}}",
	  "a81021ae4a00005bf7d60cef48a84d8ebe44c393aba4775010f133a8bdb46a81 map[MaximumRetryCount:0"
	  " Name:no]" },
	{ "made", "{{.Id}} {{.NetworkSettings.Ports}}",
	  "a81021ae4a00005bf7d60cef48a84d8ebe44c393aba4775010f133a8bdb46a81 map[]" },
	{ "made", "{{if .State.Running}}up{{else}}down {{.State.ExitCode}}{{end}}",
	  "down 0" },
	{ "made", "{{with .State.Health}}{{.Status}}{{else}}no health{{end}}",
	  "no health" },
	{ "made", "{{printf \"%s %d\" .Name .RestartCount}}",
	  "/made 0" },
	{ "made", "{{upper .State.Status}} {{title .HostConfig.NetworkMode}}",
	  "CREATED None" },
	{ "made", "{{join .Args \",\"}}",
	  "-c,echo hi" },
	{ "made", "{{index .Args 0}}",
	  "-c" },
	{ "made", "{{slice .Id 0 12}}",
	  "a81021ae4a00" },
	{ "made", "{{.Name | printf \"%q\"}}",
	  "\"/made\"" },
	{ "made", "{{eq .State.Status \"running\"}}",
	  "false" },
	{ "made", "{{printf \"%T %T %T %T %T\" .State .Config .HostConfig .Mounts .NetworkSettings.Ports}}",
	  "*types.ContainerState *container.Config *container.HostConfig []types.MountPoint nat.Por"
	  "tMap" },
	{ "made", "{{printf \"%T %T\" .State.Health .HostConfig.RestartPolicy}}",
	  "*types.Health container.RestartPolicy" },
	{ "made", "{{.HostConfig.Tmpfs}} {{.HostConfig.Sysctls}}",
	  "map[] map[]" },
	{ "made", "{{.HostConfig.ReadonlyRootfs}} {{.HostConfig.OomKillDisable}} {{.HostConfig.PidsLimit}}",
	  "false false <nil>" },
	{ "made", "{{.HostConfig.BlkioWeight}} {{.HostConfig.CpuQuota}} {{.HostConfig.MemorySwappiness}}",
	  "0 0 <no value>" },
	{ "made", "{{.HostConfig.Runtime}} {{.HostConfig.UTSMode}} {{.HostConfig.UsernsMode}}",
	  "runc  " },
	{ "made", "{{.HostConfig.ContainerIDFile}}|{{.HostConfig.VolumeDriver}}|{{.HostConfig.VolumesFrom}}"
	  "",
	  "||[]" },
	{ "exit3", "{{.State.Status}}",
	  "exited" },
	{ "exit3", "{{.State}}",
	  "{exited false false false false false 0 3  2026-12-05T16:01:07.337512296Z 2026-12-05T16:"
	  "01:07.340491205Z <nil>}" },
	{ "exit3", "{{.State.Running}} {{.State.Paused}} {{.State.ExitCode}} {{.State.Pid | printf \"%T\"}}",
	  "false false 3 int" },
	{ "exit3", "{{.State.StartedAt}}",
	  "2026-12-05T16:01:07.337512296Z" },
	{ "exit3", "{{.State.FinishedAt}}",
	  "2026-12-05T16:01:07.340491205Z" },
	{ "exit3", "{{json .State.Health}}",
	  "null" },
	{ "exit3", "{{.State.Error}}",
	  "" },
	{ "exit3", "{{.State.OOMKilled}}",
	  "false" },
	{ "exit3", "{{.Name}}",
	  "/exit3" },
	{ "exit3", "{{.Id}}",
	  "c830c075d4155d7c895be68c691b3b32d0196bd256fbc4b0498dc933ba0ab8df" },
	{ "exit3", "{{.ID}}",
	  "c830c075d4155d7c895be68c691b3b32d0196bd256fbc4b0498dc933ba0ab8df" },
	{ "exit3", "{{.Created}}",
	  "2026-12-05T16:01:06.55004825Z" },
	{ "exit3", "{{.Path}} {{.Args}}",
	  "sh [-c echo out1; echo err1 >&2; printf no-newline; exit 3]" },
	{ "exit3", "{{.Image}}",
	  "sha256:06df376f3db3e1091f78725c08ab1bfc6091df372e3200c686ab9fcb3561257f" },
	{ "exit3", "{{.RestartCount}}",
	  "0" },
	{ "exit3", "{{.Driver}}",
	  "vfs" },
	{ "exit3", "{{.Platform}}",
	  "linux" },
	{ "exit3", "{{.MountLabel}}|{{.ProcessLabel}}|{{.AppArmorProfile}}",
	  "||" },
	{ "exit3", "{{.ExecIDs}}",
	  "[]" },
	{ "exit3", "{{.SizeRw}} {{.SizeRootFs}}",
	  "<nil> <nil>" },
	{ "exit3", "{{.Config.Env}}",
	  "[]" },
	{ "exit3", "{{json .Config.Env}}",
	  "null" },
	{ "exit3", "{{range .Config.Env}}{{println .}}{{end}}",
	  "" },
	{ "exit3", "{{.Config.Labels}}",
	  "map[]" },
	{ "exit3", "{{index .Config.Labels \"app\"}}",
	  "" },
	{ "exit3", "{{index .Config.Labels \"nope\"}}",
	  "" },
	{ "exit3", "{{.Config.Labels.nope}}",
	  "<no value>" },
	{ "exit3", "{{.Config.Image}} {{.Config.Hostname}} {{.Config.User}} {{.Config.WorkingDir}}",
	  "bb:1.0 c830c075d415  " },
	{ "exit3", "{{.Config.Cmd}} {{.Config.Entrypoint}}",
	  "[sh -c echo out1; echo err1 >&2; printf no-newline; exit 3] []" },
	{ "exit3", "{{json .Config.Cmd}} {{json .Config.Entrypoint}}",
	  "[\"sh\",\"-c\",\"echo out1; echo err1 >&2; printf no-newline; exit 3\"] null" },
	{ "exit3", "{{.Config.Tty}} {{.Config.OpenStdin}} {{.Config.StdinOnce}} {{.Config.AttachStdin}}",
	  "false false false false" },
	{ "exit3", "{{.Config.ExposedPorts}}",
	  "map[]" },
	{ "exit3", "{{.Config.Volumes}}",
	  "map[]" },
	{ "exit3", "{{.Config.Healthcheck}}",
	  "<nil>" },
	{ "exit3", "{{.Config.StopSignal}} {{.Config.StopTimeout}}",
	  " <nil>" },
	{ "exit3", "{{.HostConfig.RestartPolicy}}",
	  "{no 0}" },
	{ "exit3", "{{.HostConfig.RestartPolicy.Name}}:{{.HostConfig.RestartPolicy.MaximumRetryCount}}",
	  "no:0" },
	{ "exit3", "{{json .HostConfig.RestartPolicy}}",
	  "{\"Name\":\"no\",\"MaximumRetryCount\":0}" },
	{ "exit3", "{{.HostConfig.Binds}}",
	  "[/tmp/budu-capture.59F7YY/vol:/mnt:ro]" },
	{ "exit3", "{{.HostConfig.NetworkMode}}",
	  "none" },
	{ "exit3", "{{.HostConfig.PortBindings}}",
	  "map[]" },
	{ "exit3", "{{json .HostConfig.PortBindings}}",
	  "{}" },
	{ "exit3", "{{range $p, $b := .HostConfig.PortBindings}}{{$p}}->{{(index $b 0).HostIp}}:{{(index $b "
	  "0).HostPort}} {{end}}",
	  "" },
	{ "exit3", "{{.HostConfig.AutoRemove}} {{.HostConfig.Privileged}} {{.HostConfig.PublishAllPorts}}",
	  "false false false" },
	{ "exit3", "{{.HostConfig.LogConfig}}",
	  "{json-file map[]}" },
	{ "exit3", "{{.HostConfig.LogConfig.Type}}",
	  "json-file" },
	{ "exit3", "{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.CpuShares}}",
	  "0 0 0" },
	{ "exit3", "{{.HostConfig.ShmSize}}",
	  "67108864" },
	{ "exit3", "{{.HostConfig.Mounts}}",
	  "[]" },
	{ "exit3", "{{.HostConfig.Dns}} {{.HostConfig.ExtraHosts}} {{.HostConfig.CapAdd}}",
	  "[] <no value> <no value>" },
	{ "exit3", "{{.HostConfig.MaskedPaths}}",
	  "[/proc/asound /proc/acpi /proc/kcore /proc/keys /proc/latency_stats /proc/timer_list /pr"
	  "oc/timer_stats /proc/sched_debug /proc/scsi /sys/firmware]" },
	{ "exit3", "{{.HostConfig.ConsoleSize}}",
	  "[0 0]" },
	{ "exit3", "{{.HostConfig.Isolation}}|{{.HostConfig.CgroupnsMode}}|{{.HostConfig.IpcMode}}",
	  "|host|private" },
	{ "exit3", "{{.HostConfig.Ulimits}} {{.HostConfig.Devices}}",
	  "[] []" },
	{ "exit3", "{{.NetworkSettings.Ports}}",
	  "map[]" },
	{ "exit3", "{{json .NetworkSettings.Ports}}",
	  "{}" },
	{ "exit3", "{{json .NetworkSettings.Networks}}",
	  "{\"none\":{\"IPAMConfig\":null,\"Links\":null,\"Aliases\":null,\"NetworkID\":\"864e0ae42"
	  "b443d1014a7cf63d03ee9000a6d5a0ff8b8ba612f81ba1f2c7411d3\",\"EndpointID\":\"\",\"Gateway\""
	  ":\"\",\"IPAddress\":\"\",\"IPPrefixLen\":0,\"IPv6Gateway\":\"\",\"GlobalIPv6Address\":\""
	  "\",\"GlobalIPv6PrefixLen\":0,\"MacAddress\":\"\",\"DriverOpts\":null}}" },
	{ "exit3", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.IPAddress}};{{end}}",
	  "none=;" },
	{ "exit3", "{{.NetworkSettings.IPAddress}}|{{.NetworkSettings.Gateway}}|{{.NetworkSettings.MacAddres"
	  "s}}",
	  "||" },
	{ "exit3", "{{.NetworkSettings.SandboxKey}}",
	  "/tmp/rig.s7T8Su/exec/netns/b90e2ddeb35b" },
	{ "exit3", "{{json .Mounts}}",
	  "[{\"Type\":\"bind\",\"Source\":\"/tmp/budu-capture.59F7YY/vol\",\"Destination\":\"/mnt\""
	  ",\"Mode\":\"ro\",\"RW\":false,\"Propagation\":\"rprivate\"}]" },
	{ "exit3", "{{.Mounts}}",
	  "[{bind  /tmp/budu-capture.59F7YY/vol /mnt  ro false rprivate}]" },
	{ "exit3", "{{range .Mounts}}{{.Type}} {{.Name}} {{.Destination}} {{.RW}} {{.Mode}};{{end}}",
	  "bind  /mnt false ro;" },
	{ "exit3", "{{(index .Mounts 0).Destination}}",
	  "/mnt" },
	{ "exit3", "{{len .Mounts}}",
	  "1" },
	{ "exit3", "{{.GraphDriver.Name}}",
	  "vfs" },
	{ "exit3", "{{.GraphDriver.Data}}",
	  "map[]" },
	{ "exit3", "{{json .GraphDriver}}",
	  "{\"Data\":null,\"Name\":\"vfs\"}" },
	{ "exit3", "{{.LogPath}}",
	  "/tmp/rig.s7T8Su/data/containers/c830c075d4155d7c895be68c691b3b32d0196bd256fbc4b0498dc933"
	  "ba0ab8df/c830c075d4155d7c895be68c691b3b32d0196bd256fbc4b0498dc933ba0ab8df-json.log" },
	{ "exit3", "{{.ResolvConfPath}}",
	  "/tmp/rig.s7T8Su/data/containers/c830c075d4155d7c895be68c691b3b32d0196bd256fbc4b0498dc933"
	  "ba0ab8df/resolv.conf" },
	{ "exit3", "{{json .State}}",
	  "{\"Status\":\"exited\",\"Running\":false,\"Paused\":false,\"Restarting\":false,\"OOMKill"
	  "ed\":false,\"Dead\":false,\"Pid\":0,\"ExitCode\":3,\"Error\":\"\",\"StartedAt\":\"2026-1"
	  "2-05T16:01:07.337512296Z\",\"FinishedAt\":\"2026-12-05T16:01:07.340491205Z\"}" },
	{ "exit3", "{{json .Config}}",
	  "{\"Hostname\":\"c830c075d415\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\":false,\""
	  "AttachStdout\":true,\"AttachStderr\":true,\"Tty\":false,\"OpenStdin\":false,\"StdinOnce\""
	  ":false,\"Env\":null,\"Cmd\":[\"sh\",\"-c\",\"echo out1; echo err1 >&2; printf no-newline"
	  "; exit 3\"],\"Image\":\"bb:1.0\",\"Volumes\":null,\"WorkingDir\":\"\",\"Entrypoint\":nul"
	  "l,\"OnBuild\":null,\"Labels\":{}}" },
	{ "exit3", "{{json .HostConfig.LogConfig}}",
	  "{\"Type\":\"json-file\",\"Config\":{}}" },
	{ "exit3", "{{.Id}} {{.State.Status}}",
	  "c830c075d4155d7c895be68c691b3b32d0196bd256fbc4b0498dc933ba0ab8df exited" },
	{ "exit3", "{{.Id}} {{.Config.Labels}}",
	  "c830c075d4155d7c895be68c691b3b32d0196bd256fbc4b0498dc933ba0ab8df map[]" },
	{ "exit3", "{{.Id}} {{.HostConfig.RestartPolicy}}",
	  "c830c075d4155d7c895be68c691b3b32d0196bd256fbc4b0498dc933ba0ab8df map[MaximumRetryCount:0"
	  " Name:no]" },
	{ "exit3", "{{.Id}} {{.NetworkSettings.Ports}}",
	  "c830c075d4155d7c895be68c691b3b32d0196bd256fbc4b0498dc933ba0ab8df map[]" },
	{ "exit3", "{{if .State.Running}}up{{else}}down {{.State.ExitCode}}{{end}}",
	  "down 3" },
	{ "exit3", "{{with .State.Health}}{{.Status}}{{else}}no health{{end}}",
	  "no health" },
	{ "exit3", "{{printf \"%s %d\" .Name .RestartCount}}",
	  "/exit3 0" },
	{ "exit3", "{{upper .State.Status}} {{title .HostConfig.NetworkMode}}",
	  "EXITED None" },
	{ "exit3", "{{join .Args \",\"}}",
	  "-c,echo out1; echo err1 >&2; printf no-newline; exit 3" },
	{ "exit3", "{{index .Args 0}}",
	  "-c" },
	{ "exit3", "{{slice .Id 0 12}}",
	  "c830c075d415" },
	{ "exit3", "{{.Name | printf \"%q\"}}",
	  "\"/exit3\"" },
	{ "exit3", "{{eq .State.Status \"running\"}}",
	  "false" },
	{ "exit3", "{{printf \"%T %T %T %T %T\" .State .Config .HostConfig .Mounts .NetworkSettings.Ports}}",
	  "*types.ContainerState *container.Config *container.HostConfig []types.MountPoint nat.Por"
	  "tMap" },
	{ "exit3", "{{printf \"%T %T\" .State.Health .HostConfig.RestartPolicy}}",
	  "*types.Health container.RestartPolicy" },
	{ "exit3", "{{.HostConfig.Tmpfs}} {{.HostConfig.Sysctls}}",
	  "map[] map[]" },
	{ "exit3", "{{.HostConfig.ReadonlyRootfs}} {{.HostConfig.OomKillDisable}} {{.HostConfig.PidsLimit}}",
	  "false false <nil>" },
	{ "exit3", "{{.HostConfig.BlkioWeight}} {{.HostConfig.CpuQuota}} {{.HostConfig.MemorySwappiness}}",
	  "0 0 <no value>" },
	{ "exit3", "{{.HostConfig.Runtime}} {{.HostConfig.UTSMode}} {{.HostConfig.UsernsMode}}",
	  "runc  " },
	{ "exit3", "{{.HostConfig.ContainerIDFile}}|{{.HostConfig.VolumeDriver}}|{{.HostConfig.VolumesFrom}}"
	  "",
	  "||[]" },
};

START_TEST(same_as_docker)
{
	const struct docker_case *c = &docker_cases[_i];
	cJSON *doc = load(c->name);
	struct template_result res;
	bool ok = template_eval_schema(c->format, doc, &template_schema_container, &res);
	ck_assert_msg(ok, "%s on %s: %s", c->format, c->name, res.error);
	ck_assert_msg(strcmp(res.text, c->want) == 0, "%s on %s:\n got: %s\nwant: %s", c->format, c->name,
		      res.text, c->want);
	template_result_free(&res);
	cJSON_Delete(doc);
}
END_TEST

/* Where docker fails, budu fails too; and what Go would print as an address is refused. */
static const struct {
	const char *name;
	const char *format;
	const char *error;
} error_cases[] = {
	{ "web", "{{.Nope}}", "no such path: .Nope" },
	{ "web", "{{.State.Nope}}", "no such path: .State.Nope" },
	{ "web", "{{.State.StartedAt.Year}}", "StartedAt" },
	{ "web", "{{.State}}", "memory address" },
	{ "web", "{{.HostConfig}}", "memory address" },
	{ "web", "{{.NetworkSettings}}", "memory address" },
	{ "web", "{{index .Mounts 5}}", "index out of range" },
};

START_TEST(errors)
{
	cJSON *doc = load(error_cases[_i].name);
	struct template_result res;
	ck_assert(!template_eval_schema(error_cases[_i].format, doc, &template_schema_container, &res));
	ck_assert_msg(strstr(res.error, error_cases[_i].error), "%s: %s", error_cases[_i].format, res.error);
	template_result_free(&res);
	cJSON_Delete(doc);
}
END_TEST

/* The typed run knows the Go names: .ID and .HostConfig.NanoCPUs, which are not JSON keys. */
START_TEST(go_names)
{
	cJSON *doc = load("web");
	struct template_result res;
	ck_assert(template_eval_schema("{{.ID}} {{.HostConfig.NanoCPUs}} {{.HostConfig.DNS}}", doc,
				       &template_schema_container, &res));
	const char *id = cJSON_GetObjectItem(doc, "Id")->valuestring;
	char *want = xasprintf("%s 0 []", id);
	ck_assert_str_eq(res.text, want);
	free(want);
	template_result_free(&res);
	/* The image schema does not know .State: the raw run still answers. */
	ck_assert(template_eval("{{.State.Status}}", doc, &res));
	ck_assert_str_eq(res.text, "running");
	template_result_free(&res);
	cJSON_Delete(doc);
}
END_TEST

static Suite *
container_template_suite(void)
{
	Suite *s = suite_create("container_template");
	TCase *t = tcase_create("docker");
	tcase_add_loop_test(t, same_as_docker, 0, (int)(sizeof(docker_cases) / sizeof(docker_cases[0])));
	tcase_add_loop_test(t, errors, 0, (int)(sizeof(error_cases) / sizeof(error_cases[0])));
	tcase_add_test(t, go_names);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	SRunner *sr = srunner_create(container_template_suite());
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
