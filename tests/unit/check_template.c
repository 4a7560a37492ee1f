/* --format templates evaluated as `docker image inspect --format` (Debian's docker 20.10.24
 * CLI) prints them. */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "strbuf.h"
#include "template.h"
#include "xalloc.h"

#include "fixture.h"

/*
 * $FIXTURES/inspect-NAME.json: GET /v1.41/images/IMAGE/json from the rig (dockerd 20.10.24,
 * captured by tests/fixtures/capture-inspect.sh):
 *   app   demo/app:1    classic build: COPY RUN ENV LABEL EXPOSE CMD, pushed (a RepoDigest)
 *   base  bb:1.0        docker import; null Env, Labels, Volumes, no ExposedPorts
 *   rich  demo/rich:1   HEALTHCHECK, VOLUME, USER, WORKDIR, STOPSIGNAL, ONBUILD, SHELL,
 *                       ENTRYPOINT; labels and env with quotes, <, > and &
 *   evil  demo/evil:1   a label holding ESC ] 0 ; pwned BEL ESC [ 2 J
 * Each docker_cases entry is what `/usr/bin/docker image inspect --format FORMAT IMAGE`
 * printed for that image, without the newline the CLI writes after it.
 */

static cJSON *
load(const char *image)
{
	char *name = xasprintf("inspect-%s.json", image);
	char *text = fixture_read(name, NULL);
	cJSON *doc = cJSON_Parse(text);
	ck_assert_msg(doc != NULL, "%s does not parse", name);
	free(text);
	free(name);
	return doc;
}

struct docker_case {
	const char *image;	/* fixture NAME */
	const char *format;
	const char *want;
};

/* Generated from the docker CLI's own output; see tests/fixtures/capture-inspect.sh. */
static const struct docker_case docker_cases[] = {
	{ "rich", "{{.Os}}",
	  "linux" },
	{ "rich", "{{.Id}}",
	  "sha256:ac2f96233d7f8081000d10e7fd0c0d331bb48f18df12fec752ba34ebf7ef0109" },
	{ "rich", "{{.ID}}",
	  "sha256:ac2f96233d7f8081000d10e7fd0c0d331bb48f18df12fec752ba34ebf7ef0109" },
	{ "rich", "{{.RepoTags}}",
	  "[demo/rich:1]" },
	{ "rich", "{{.RepoDigests}}",
	  "[]" },
	{ "rich", "{{.Config.Cmd}}",
	  "[echo hello]" },
	{ "rich", "{{ .Config.Cmd }}",
	  "[echo hello]" },
	{ "rich", "{{.Config.Env}}",
	  "[PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin A=1 B=x y C=a<b&c>d]" },
	{ "rich", "{{.Config.Labels}}",
	  "map[org.example:v<1>& plain:yes quote\"d:it's \"q\" zz.last:z]" },
	{ "rich", "{{.Config.ExposedPorts}}",
	  "map[53/udp:{} 8080/tcp:{} 9000/tcp:{}]" },
	{ "rich", "{{.Config.Volumes}}",
	  "map[/data:{} /var/log:{}]" },
	{ "rich", "{{.Config.Healthcheck}}",
	  "{[CMD /bin/true] 1m30s 3s 500ms 4}" },
	{ "rich", "{{.Config.Entrypoint}}",
	  "[/bin/sh -c]" },
	{ "rich", "{{.Config.OnBuild}}",
	  "[RUN echo hi]" },
	{ "rich", "{{.Config.StopTimeout}}",
	  "<nil>" },
	{ "rich", "{{.Config.Shell}}",
	  "[/bin/sh -ec]" },
	{ "rich", "{{.RootFS}}",
	  "{layers [sha256:021d7eae101e4f2e6b57fed2b985e2675069c6b5ff2ac5ca7ef54332e7443106] }" },
	{ "rich", "{{.RootFS.Layers}}",
	  "[sha256:021d7eae101e4f2e6b57fed2b985e2675069c6b5ff2ac5ca7ef54332e7443106]" },
	{ "rich", "{{.GraphDriver}}",
	  "{map[] vfs}" },
	{ "rich", "{{.GraphDriver.Data}}",
	  "map[]" },
	{ "rich", "{{.Metadata}}",
	  "{2026-11-23 19:43:56.034883334 +0000 UTC}" },
	{ "rich", "{{.Metadata.LastTagTime}}",
	  "2026-11-23 19:43:56.034883334 +0000 UTC" },
	{ "rich", "{{.Size}}",
	  "1982296" },
	{ "rich", "{{.VirtualSize}}",
	  "1982296" },
	{ "rich", "{{.Created}}",
	  "2026-11-23T19:43:55.226745696Z" },
	{ "rich", "{{json .Config.Labels}}",
	  "{\"org.example\":\"v<1>&\",\"plain\":\"yes\",\"quote\\\"d\":\"it's \\\"q\\\"\",\"zz.last"
	  "\":\"z\"}" },
	{ "rich", "{{json .}}",
	  "{\"Id\":\"sha256:ac2f96233d7f8081000d10e7fd0c0d331bb48f18df12fec752ba34ebf7ef0109\",\"Re"
	  "poTags\":[\"demo/rich:1\"],\"RepoDigests\":[],\"Parent\":\"sha256:45e0d350e1b55ac7f104e2"
	  "66149b1f8bacd05b5b211b0bd011cc4e944356794b\",\"Comment\":\"\",\"Created\":\"2026-11-23T1"
	  "9:43:55.226745696Z\",\"Container\":\"846a79dee10e412cf55ee8f2bc36b5fffd786b3a36491041922"
	  "2e4893b3cefb7\",\"ContainerConfig\":{\"Hostname\":\"846a79dee10e\",\"Domainname\":\"\",\""
	  "User\":\"nobody:nogroup\",\"AttachStdin\":false,\"AttachStdout\":false,\"AttachStderr\":"
	  "false,\"ExposedPorts\":{\"53/udp\":{},\"8080/tcp\":{},\"9000/tcp\":{}},\"Tty\":false,\"O"
	  "penStdin\":false,\"StdinOnce\":false,\"Env\":[\"PATH=/usr/local/sbin:/usr/local/bin:/usr"
	  "/sbin:/usr/bin:/sbin:/bin\",\"A=1\",\"B=x y\",\"C=a<b&c>d\"],\"Cmd\":[\"/bin/sh\",\"-ec\""
	  ",\"#(nop) \",\"CMD [\\\"echo hello\\\"]\"],\"Healthcheck\":{\"Test\":[\"CMD\",\"/bin/tru"
	  "e\"],\"Interval\":90000000000,\"Timeout\":3000000000,\"StartPeriod\":500000000,\"Retries"
	  "\":4},\"Image\":\"sha256:45e0d350e1b55ac7f104e266149b1f8bacd05b5b211b0bd011cc4e944356794"
	  "b\",\"Volumes\":{\"/data\":{},\"/var/log\":{}},\"WorkingDir\":\"/srv\",\"Entrypoint\":[\""
	  "/bin/sh\",\"-c\"],\"OnBuild\":[\"RUN echo hi\"],\"Labels\":{\"org.example\":\"v<1>&\",\""
	  "plain\":\"yes\",\"quote\\\"d\":\"it's \\\"q\\\"\",\"zz.last\":\"z\"},\"StopSignal\":\"SI"
	  "GINT\",\"Shell\":[\"/bin/sh\",\"-ec\"]},\"DockerVersion\":\"20.10.24+dfsg1\",\"Author\":"
	  "\"\",\"Config\":{\"Hostname\":\"\",\"Domainname\":\"\",\"User\":\"nobody:nogroup\",\"Att"
	  "achStdin\":false,\"AttachStdout\":false,\"AttachStderr\":false,\"ExposedPorts\":{\"53/ud"
	  "p\":{},\"8080/tcp\":{},\"9000/tcp\":{}},\"Tty\":false,\"OpenStdin\":false,\"StdinOnce\":"
	  "false,\"Env\":[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\"A"
	  "=1\",\"B=x y\",\"C=a<b&c>d\"],\"Cmd\":[\"echo hello\"],\"Healthcheck\":{\"Test\":[\"CMD\""
	  ",\"/bin/true\"],\"Interval\":90000000000,\"Timeout\":3000000000,\"StartPeriod\":50000000"
	  "0,\"Retries\":4},\"Image\":\"sha256:45e0d350e1b55ac7f104e266149b1f8bacd05b5b211b0bd011cc"
	  "4e944356794b\",\"Volumes\":{\"/data\":{},\"/var/log\":{}},\"WorkingDir\":\"/srv\",\"Entr"
	  "ypoint\":[\"/bin/sh\",\"-c\"],\"OnBuild\":[\"RUN echo hi\"],\"Labels\":{\"org.example\":"
	  "\"v<1>&\",\"plain\":\"yes\",\"quote\\\"d\":\"it's \\\"q\\\"\",\"zz.last\":\"z\"},\"StopS"
	  "ignal\":\"SIGINT\",\"Shell\":[\"/bin/sh\",\"-ec\"]},\"Architecture\":\"amd64\",\"Os\":\""
	  "linux\",\"Size\":1982296,\"VirtualSize\":1982296,\"GraphDriver\":{\"Data\":null,\"Name\""
	  ":\"vfs\"},\"RootFS\":{\"Type\":\"layers\",\"Layers\":[\"sha256:021d7eae101e4f2e6b57fed2b"
	  "985e2675069c6b5ff2ac5ca7ef54332e7443106\"]},\"Metadata\":{\"LastTagTime\":\"2026-11-23T1"
	  "9:43:56.034883334Z\"}}" },
	{ "rich", "{{json .Config}}",
	  "{\"Hostname\":\"\",\"Domainname\":\"\",\"User\":\"nobody:nogroup\",\"AttachStdin\":false"
	  ",\"AttachStdout\":false,\"AttachStderr\":false,\"ExposedPorts\":{\"53/udp\":{},\"8080/tc"
	  "p\":{},\"9000/tcp\":{}},\"Tty\":false,\"OpenStdin\":false,\"StdinOnce\":false,\"Env\":[\""
	  "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\"A=1\",\"B=x y\",\""
	  "C=a<b&c>d\"],\"Cmd\":[\"echo hello\"],\"Healthcheck\":{\"Test\":[\"CMD\",\"/bin/true\"],"
	  "\"Interval\":90000000000,\"Timeout\":3000000000,\"StartPeriod\":500000000,\"Retries\":4}"
	  ",\"Image\":\"sha256:45e0d350e1b55ac7f104e266149b1f8bacd05b5b211b0bd011cc4e944356794b\",\""
	  "Volumes\":{\"/data\":{},\"/var/log\":{}},\"WorkingDir\":\"/srv\",\"Entrypoint\":[\"/bin/"
	  "sh\",\"-c\"],\"OnBuild\":[\"RUN echo hi\"],\"Labels\":{\"org.example\":\"v<1>&\",\"plain"
	  "\":\"yes\",\"quote\\\"d\":\"it's \\\"q\\\"\",\"zz.last\":\"z\"},\"StopSignal\":\"SIGINT\""
	  ",\"Shell\":[\"/bin/sh\",\"-ec\"]}" },
	{ "rich", "{{json .Config.Cmd}}",
	  "[\"echo hello\"]" },
	{ "rich", "{{json .Config.Volumes}}",
	  "{\"/data\":{},\"/var/log\":{}}" },
	{ "rich", "{{json .Config.Env}}",
	  "[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\"A=1\",\"B=x y\""
	  ",\"C=a<b&c>d\"]" },
	{ "rich", "{{json .RootFS}}",
	  "{\"Type\":\"layers\",\"Layers\":[\"sha256:021d7eae101e4f2e6b57fed2b985e2675069c6b5ff2ac5"
	  "ca7ef54332e7443106\"]}" },
	{ "rich", "{{json .Metadata}}",
	  "{\"LastTagTime\":\"2026-11-23T19:43:56.034883334Z\"}" },
	{ "rich", "{{json .GraphDriver}}",
	  "{\"Data\":null,\"Name\":\"vfs\"}" },
	{ "rich", "{{json .Size}}",
	  "1982296" },
	{ "rich", "{{json .Config.Healthcheck}}",
	  "{\"Test\":[\"CMD\",\"/bin/true\"],\"Interval\":90000000000,\"Timeout\":3000000000,\"Star"
	  "tPeriod\":500000000,\"Retries\":4}" },
	{ "rich", "{{json .Os}}",
	  "\"linux\"" },
	{ "rich", "{{index .RepoTags 0}}",
	  "demo/rich:1" },
	{ "rich", "{{index .Config.Labels \"org.example\"}}",
	  "v<1>&" },
	{ "rich", "{{index .Config.Labels \"nope\"}}",
	  "" },
	{ "rich", "{{.Config.Labels.nope}}",
	  "<no value>" },
	{ "rich", "id={{.Id}} os={{.Os}}",
	  "id=sha256:ac2f96233d7f8081000d10e7fd0c0d331bb48f18df12fec752ba34ebf7ef0109 os=linux" },
	{ "rich", "{{.ID}} {{.Config.Volumes}}",
	  "sha256:ac2f96233d7f8081000d10e7fd0c0d331bb48f18df12fec752ba34ebf7ef0109 map[/data:{} /va"
	  "r/log:{}]" },
	{ "rich", "{{.Id}} {{.Config.Volumes}}",
	  "sha256:ac2f96233d7f8081000d10e7fd0c0d331bb48f18df12fec752ba34ebf7ef0109 map[/data:map[] "
	  "/var/log:map[]]" },
	{ "rich", "{{.Id}} {{.Config}}",
	  "sha256:ac2f96233d7f8081000d10e7fd0c0d331bb48f18df12fec752ba34ebf7ef0109 map[AttachStderr"
	  ":false AttachStdin:false AttachStdout:false Cmd:[echo hello] Domainname: Entrypoint:[/bi"
	  "n/sh -c] Env:[PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin A=1 B=x "
	  "y C=a<b&c>d] ExposedPorts:map[53/udp:map[] 8080/tcp:map[] 9000/tcp:map[]] Healthcheck:ma"
	  "p[Interval:90000000000 Retries:4 StartPeriod:500000000 Test:[CMD /bin/true] Timeout:3000"
	  "000000] Hostname: Image:sha256:45e0d350e1b55ac7f104e266149b1f8bacd05b5b211b0bd011cc4e944"
	  "356794b Labels:map[org.example:v<1>& plain:yes quote\"d:it's \"q\" zz.last:z] OnBuild:[R"
	  "UN echo hi] OpenStdin:false Shell:[/bin/sh -ec] StdinOnce:false StopSignal:SIGINT Tty:fa"
	  "lse User:nobody:nogroup Volumes:map[/data:map[] /var/log:map[]] WorkingDir:/srv]" },
	{ "rich", "{{.Id}} {{json .Config}}",
	  "sha256:ac2f96233d7f8081000d10e7fd0c0d331bb48f18df12fec752ba34ebf7ef0109 {\"AttachStderr\""
	  ":false,\"AttachStdin\":false,\"AttachStdout\":false,\"Cmd\":[\"echo hello\"],\"Domainnam"
	  "e\":\"\",\"Entrypoint\":[\"/bin/sh\",\"-c\"],\"Env\":[\"PATH=/usr/local/sbin:/usr/local/"
	  "bin:/usr/sbin:/usr/bin:/sbin:/bin\",\"A=1\",\"B=x y\",\"C=a<b&c>d\"],\"ExposedPorts\":{\""
	  "53/udp\":{},\"8080/tcp\":{},\"9000/tcp\":{}},\"Healthcheck\":{\"Interval\":90000000000,\""
	  "Retries\":4,\"StartPeriod\":500000000,\"Test\":[\"CMD\",\"/bin/true\"],\"Timeout\":30000"
	  "00000},\"Hostname\":\"\",\"Image\":\"sha256:45e0d350e1b55ac7f104e266149b1f8bacd05b5b211b"
	  "0bd011cc4e944356794b\",\"Labels\":{\"org.example\":\"v<1>&\",\"plain\":\"yes\",\"quote\\"
	  "\"d\":\"it's \\\"q\\\"\",\"zz.last\":\"z\"},\"OnBuild\":[\"RUN echo hi\"],\"OpenStdin\":"
	  "false,\"Shell\":[\"/bin/sh\",\"-ec\"],\"StdinOnce\":false,\"StopSignal\":\"SIGINT\",\"Tt"
	  "y\":false,\"User\":\"nobody:nogroup\",\"Volumes\":{\"/data\":{},\"/var/log\":{}},\"Worki"
	  "ngDir\":\"/srv\"}" },
	{ "rich", "{{.Id}} {{.Size}} {{.RootFS}}",
	  "sha256:ac2f96233d7f8081000d10e7fd0c0d331bb48f18df12fec752ba34ebf7ef0109 1982296 map[Laye"
	  "rs:[sha256:021d7eae101e4f2e6b57fed2b985e2675069c6b5ff2ac5ca7ef54332e7443106] Type:layers"
	  "]" },
	{ "rich", "{{len .RepoTags}}",
	  "1" },
	{ "rich", "{{len .Config.Labels}}",
	  "4" },
	{ "rich", "{{len .Config.Volumes}}",
	  "2" },
	{ "rich", "{{upper .Os}}",
	  "LINUX" },
	{ "rich", "{{lower .Architecture}}",
	  "amd64" },
	{ "rich", "{{title .Os}}",
	  "Linux" },
	{ "rich", "{{join .Config.Cmd \" \"}}",
	  "echo hello" },
	{ "rich", "{{join .Config.Env \",\"}}",
	  "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin,A=1,B=x y,C=a<b&c>d" },
	{ "rich", "{{split .Id \":\"}}",
	  "[sha256 ac2f96233d7f8081000d10e7fd0c0d331bb48f18df12fec752ba34ebf7ef0109]" },
	{ "rich", "{{index (split .Id \":\") 1}}",
	  "ac2f96233d7f8081000d10e7fd0c0d331bb48f18df12fec752ba34ebf7ef0109" },
	{ "rich", "{{println .Os}}",
	  "linux\n" },
	{ "rich", "{{println .Os .Architecture}}",
	  "linux amd64\n" },
	{ "rich", "{{print .Os .Size}}",
	  "linux1982296" },
	{ "rich", "{{printf \"%s-%d\" .Os .Size}}",
	  "linux-1982296" },
	{ "rich", "{{range .RepoTags}}[{{.}}]{{end}}",
	  "[demo/rich:1]" },
	{ "rich", "{{range $k, $v := .Config.Labels}}{{$k}}={{$v}};{{end}}",
	  "org.example=v<1>&;plain=yes;quote\"d=it's \"q\";zz.last=z;" },
	{ "rich", "{{range .Config.Env}}{{println .}}{{end}}",
	  "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nA=1\nB=x y\nC=a<b&c>d"
	  "\n" },
	{ "rich", "{{if .Config.Labels}}has{{else}}none{{end}}",
	  "has" },
	{ "rich", "{{with .Config.Healthcheck}}{{.Test}} {{.Interval}} {{.Retries}}{{end}}",
	  "[CMD /bin/true] 1m30s 4" },
	{ "rich", "{{.Config.Healthcheck.Interval}}",
	  "1m30s" },
	{ "rich", "{{.Config.Healthcheck.Test}}",
	  "[CMD /bin/true]" },
	{ "rich", "{{json .Config.Healthcheck.Interval}}",
	  "90000000000" },
	{ "rich", "{{truncate .Id 12}}",
	  "sha256:ac2f9" },
	{ "rich", "{{pad .Os 2 3}}|",
	  "  linux   |" },
	{ "rich", "{{.Config.User}}",
	  "nobody:nogroup" },
	{ "rich", "{{.Config.StopSignal}}",
	  "SIGINT" },
	{ "rich", "{{.Config.ArgsEscaped}}",
	  "false" },
	{ "rich", "{{.Config.Tty}}",
	  "false" },
	{ "rich", "{{.Variant}}",
	  "" },
	{ "rich", "{{.OsVersion}}",
	  "" },
	{ "rich", "{{.Parent}}",
	  "sha256:45e0d350e1b55ac7f104e266149b1f8bacd05b5b211b0bd011cc4e944356794b" },
	{ "rich", "{{.Comment}}",
	  "" },
	{ "rich", "{{.Config.Labels.maintainer}}",
	  "<no value>" },
	{ "rich", "{{ .Os -}}   x",
	  "linuxx" },
	{ "rich", "{{.Os}}{{/* c */}}!",
	  "linux!" },
	{ "rich", "{{eq .Os \"linux\"}}",
	  "true" },
	{ "rich", "{{index .Config.Labels}}",
	  "map[org.example:v<1>& plain:yes quote\"d:it's \"q\" zz.last:z]" },
	{ "rich", "{{json .Id}}",
	  "\"sha256:ac2f96233d7f8081000d10e7fd0c0d331bb48f18df12fec752ba34ebf7ef0109\"" },
	{ "rich", "{{.RootFS.BaseLayer}}",
	  "" },
	{ "rich", "{{.Config.Hostname}}",
	  "" },
	{ "rich", "{{.Config.Image}}",
	  "sha256:45e0d350e1b55ac7f104e266149b1f8bacd05b5b211b0bd011cc4e944356794b" },
	{ "rich", "{{.ContainerConfig.Cmd}}",
	  "[/bin/sh -ec #(nop)  CMD [\"echo hello\"]]" },
	{ "rich", "{{.Config.Labels.org.example}}",
	  "<no value>" },
	{ "rich", "{{index .Config.Labels \"quote\\\"d\"}}",
	  "it's \"q\"" },
	{ "rich", "{{json .Config.ExposedPorts}}",
	  "{\"53/udp\":{},\"8080/tcp\":{},\"9000/tcp\":{}}" },
	{ "rich", "{{.Id}} {{.Config.Healthcheck}}",
	  "sha256:ac2f96233d7f8081000d10e7fd0c0d331bb48f18df12fec752ba34ebf7ef0109 map[Interval:900"
	  "00000000 Retries:4 StartPeriod:500000000 Test:[CMD /bin/true] Timeout:3000000000]" },
	{ "rich", "{{.Id}} {{.Config.Labels}}",
	  "sha256:ac2f96233d7f8081000d10e7fd0c0d331bb48f18df12fec752ba34ebf7ef0109 map[org.example:"
	  "v<1>& plain:yes quote\"d:it's \"q\" zz.last:z]" },
	{ "rich", "{{.Id}} {{.Config.ExposedPorts}}",
	  "sha256:ac2f96233d7f8081000d10e7fd0c0d331bb48f18df12fec752ba34ebf7ef0109 map[53/udp:map[]"
	  " 8080/tcp:map[] 9000/tcp:map[]]" },
	{ "rich", "{{.Id}} {{len .Config.Volumes}}",
	  "sha256:ac2f96233d7f8081000d10e7fd0c0d331bb48f18df12fec752ba34ebf7ef0109 2" },
	{ "rich", "{{.Id}} {{index .RepoTags 0}}",
	  "sha256:ac2f96233d7f8081000d10e7fd0c0d331bb48f18df12fec752ba34ebf7ef0109 demo/rich:1" },
	{ "rich", "{{.Id}} {{index .Config.Labels \"nope\"}}",
	  "sha256:ac2f96233d7f8081000d10e7fd0c0d331bb48f18df12fec752ba34ebf7ef0109 <no value>" },
	{ "rich", "{{.Id}} {{.Metadata}}",
	  "sha256:ac2f96233d7f8081000d10e7fd0c0d331bb48f18df12fec752ba34ebf7ef0109 map[LastTagTime:"
	  "2026-11-23T19:43:56.034883334Z]" },
	{ "rich", "{{.Id}} {{json .Metadata}}",
	  "sha256:ac2f96233d7f8081000d10e7fd0c0d331bb48f18df12fec752ba34ebf7ef0109 {\"LastTagTime\""
	  ":\"2026-11-23T19:43:56.034883334Z\"}" },
	{ "rich", "{{.Id}} {{.Config.Healthcheck.Interval}}",
	  "sha256:ac2f96233d7f8081000d10e7fd0c0d331bb48f18df12fec752ba34ebf7ef0109 90000000000" },
	{ "rich", "{{.Id}} {{upper .Os}}",
	  "sha256:ac2f96233d7f8081000d10e7fd0c0d331bb48f18df12fec752ba34ebf7ef0109 LINUX" },
	{ "rich", "{{.Id}} {{len .Id}}",
	  "sha256:ac2f96233d7f8081000d10e7fd0c0d331bb48f18df12fec752ba34ebf7ef0109 71" },
	{ "rich", "{{.Id}} {{json .}}",
	  "sha256:ac2f96233d7f8081000d10e7fd0c0d331bb48f18df12fec752ba34ebf7ef0109 {\"Architecture\""
	  ":\"amd64\",\"Author\":\"\",\"Comment\":\"\",\"Config\":{\"AttachStderr\":false,\"AttachS"
	  "tdin\":false,\"AttachStdout\":false,\"Cmd\":[\"echo hello\"],\"Domainname\":\"\",\"Entry"
	  "point\":[\"/bin/sh\",\"-c\"],\"Env\":[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/u"
	  "sr/bin:/sbin:/bin\",\"A=1\",\"B=x y\",\"C=a<b&c>d\"],\"ExposedPorts\":{\"53/udp\":{},\"8"
	  "080/tcp\":{},\"9000/tcp\":{}},\"Healthcheck\":{\"Interval\":90000000000,\"Retries\":4,\""
	  "StartPeriod\":500000000,\"Test\":[\"CMD\",\"/bin/true\"],\"Timeout\":3000000000},\"Hostn"
	  "ame\":\"\",\"Image\":\"sha256:45e0d350e1b55ac7f104e266149b1f8bacd05b5b211b0bd011cc4e9443"
	  "56794b\",\"Labels\":{\"org.example\":\"v<1>&\",\"plain\":\"yes\",\"quote\\\"d\":\"it's \\"
	  "\"q\\\"\",\"zz.last\":\"z\"},\"OnBuild\":[\"RUN echo hi\"],\"OpenStdin\":false,\"Shell\""
	  ":[\"/bin/sh\",\"-ec\"],\"StdinOnce\":false,\"StopSignal\":\"SIGINT\",\"Tty\":false,\"Use"
	  "r\":\"nobody:nogroup\",\"Volumes\":{\"/data\":{},\"/var/log\":{}},\"WorkingDir\":\"/srv\""
	  "},\"Container\":\"846a79dee10e412cf55ee8f2bc36b5fffd786b3a364910419222e4893b3cefb7\",\"C"
	  "ontainerConfig\":{\"AttachStderr\":false,\"AttachStdin\":false,\"AttachStdout\":false,\""
	  "Cmd\":[\"/bin/sh\",\"-ec\",\"#(nop) \",\"CMD [\\\"echo hello\\\"]\"],\"Domainname\":\"\""
	  ",\"Entrypoint\":[\"/bin/sh\",\"-c\"],\"Env\":[\"PATH=/usr/local/sbin:/usr/local/bin:/usr"
	  "/sbin:/usr/bin:/sbin:/bin\",\"A=1\",\"B=x y\",\"C=a<b&c>d\"],\"ExposedPorts\":{\"53/udp\""
	  ":{},\"8080/tcp\":{},\"9000/tcp\":{}},\"Healthcheck\":{\"Interval\":90000000000,\"Retries"
	  "\":4,\"StartPeriod\":500000000,\"Test\":[\"CMD\",\"/bin/true\"],\"Timeout\":3000000000},"
	  "\"Hostname\":\"846a79dee10e\",\"Image\":\"sha256:45e0d350e1b55ac7f104e266149b1f8bacd05b5"
	  "b211b0bd011cc4e944356794b\",\"Labels\":{\"org.example\":\"v<1>&\",\"plain\":\"yes\",\"qu"
	  "ote\\\"d\":\"it's \\\"q\\\"\",\"zz.last\":\"z\"},\"OnBuild\":[\"RUN echo hi\"],\"OpenStd"
	  "in\":false,\"Shell\":[\"/bin/sh\",\"-ec\"],\"StdinOnce\":false,\"StopSignal\":\"SIGINT\""
	  ",\"Tty\":false,\"User\":\"nobody:nogroup\",\"Volumes\":{\"/data\":{},\"/var/log\":{}},\""
	  "WorkingDir\":\"/srv\"},\"Created\":\"2026-11-23T19:43:55.226745696Z\",\"DockerVersion\":"
	  "\"20.10.24+dfsg1\",\"GraphDriver\":{\"Data\":null,\"Name\":\"vfs\"},\"Id\":\"sha256:ac2f"
	  "96233d7f8081000d10e7fd0c0d331bb48f18df12fec752ba34ebf7ef0109\",\"Metadata\":{\"LastTagTi"
	  "me\":\"2026-11-23T19:43:56.034883334Z\"},\"Os\":\"linux\",\"Parent\":\"sha256:45e0d350e1"
	  "b55ac7f104e266149b1f8bacd05b5b211b0bd011cc4e944356794b\",\"RepoDigests\":[],\"RepoTags\""
	  ":[\"demo/rich:1\"],\"RootFS\":{\"Layers\":[\"sha256:021d7eae101e4f2e6b57fed2b985e2675069"
	  "c6b5ff2ac5ca7ef54332e7443106\"],\"Type\":\"layers\"},\"Size\":1982296,\"VirtualSize\":19"
	  "82296}" },
	{ "rich", "{{index .Config.ExposedPorts \"8080/tcp\"}}",
	  "map[]" },
	{ "rich", "{{print .Config.Healthcheck}}",
	  "&{[CMD /bin/true] 1m30s 3s 500ms 4}" },
	{ "rich", "{{print .Config.Labels}}",
	  "map[org.example:v<1>& plain:yes quote\"d:it's \"q\" zz.last:z]" },
	{ "rich", "{{print .Os .Size .Os \"x\" 1 2}}",
	  "linux1982296linuxx1 2" },
	{ "rich", "{{println}}",
	  "\n" },
	{ "rich", "{{printf \"%v|%q|%5s|%-5s|%x\" .Os .Os .Os .Os .Os}}",
	  "linux|\"linux\"|linux|linux|6c696e7578" },
	{ "rich", "{{printf \"%d\" .Os}}",
	  "%!d(string=linux)" },
	{ "rich", "{{printf \"%s\"}}",
	  "%!s(MISSING)" },
	{ "rich", "{{printf \"%s\" .Os .Os}}",
	  "linux%!(EXTRA string=linux)" },
	{ "rich", "{{printf \"%v\" .Config.Cmd}}",
	  "[echo hello]" },
	{ "rich", "{{printf \"%q\" .Config.Cmd}}",
	  "[\"echo hello\"]" },
	{ "rich", "{{range $i, $e := .RepoTags}}{{$i}}:{{$e}} {{end}}",
	  "0:demo/rich:1 " },
	{ "rich", "{{range .Config.Labels}}{{.}},{{end}}",
	  "v<1>&,yes,it's \"q\",z," },
	{ "rich", "{{range .Config.ExposedPorts}}{{.}},{{end}}",
	  "{},{},{}," },
	{ "rich", "{{range $p, $_ := .Config.ExposedPorts}}{{$p}},{{end}}",
	  "53/udp,8080/tcp,9000/tcp," },
	{ "rich", "{{range .RepoDigests}}x{{else}}empty{{end}}",
	  "empty" },
	{ "rich", "{{if eq .Os \"linux\" \"windows\"}}yes{{end}}",
	  "yes" },
	{ "rich", "{{if and .Config.Labels .Config.Env}}both{{else}}no{{end}}",
	  "both" },
	{ "rich", "{{or .Config.User \"root\"}}",
	  "nobody:nogroup" },
	{ "rich", "{{and 1 0 2}}",
	  "0" },
	{ "rich", "{{not .Config.Labels}}",
	  "false" },
	{ "rich", "{{len .Config.Cmd}}",
	  "1" },
	{ "rich", "{{len .Config.Env}}",
	  "4" },
	{ "rich", "{{.Config.Env | len}}",
	  "4" },
	{ "rich", "{{.Os | upper | printf \"%s!\"}}",
	  "LINUX!" },
	{ "rich", "{{$x := .Os}}{{$x}}",
	  "linux" },
	{ "rich", "{{$x := .Os}}{{$x = \"b\"}}{{$x}}",
	  "b" },
	{ "rich", "{{with $c := .Config}}{{$c.User}}{{end}}",
	  "nobody:nogroup" },
	{ "rich", "{{$.Os}}",
	  "linux" },
	{ "rich", "{{range .RepoTags}}{{$.Os}}{{end}}",
	  "linux" },
	{ "rich", "{{json .Config.Labels.nope}}",
	  "null" },
	{ "rich", "{{json (index .Config.Labels \"nope\")}}",
	  "\"\"" },
	{ "rich", "{{index .Config.Labels \"nope\" | len}}",
	  "0" },
	{ "rich", "{{(index .RootFS.Layers 0)}}",
	  "sha256:021d7eae101e4f2e6b57fed2b985e2675069c6b5ff2ac5ca7ef54332e7443106" },
	{ "rich", "{{lt .Size 100}}",
	  "false" },
	{ "rich", "{{gt .Size 100}}",
	  "true" },
	{ "rich", "{{eq .Size 1982296}}",
	  "true" },
	{ "rich", "{{.Id}} {{range .RepoTags}}{{.}},{{end}}",
	  "sha256:ac2f96233d7f8081000d10e7fd0c0d331bb48f18df12fec752ba34ebf7ef0109 demo/rich:1," },
	{ "rich", "{{.Id}} {{range $k, $v := .Config.Labels}}{{$k}}={{$v}};{{end}}",
	  "sha256:ac2f96233d7f8081000d10e7fd0c0d331bb48f18df12fec752ba34ebf7ef0109 org.example=v<1>"
	  "&;plain=yes;quote\"d=it's \"q\";zz.last=z;" },
	{ "rich", "{{.Id}} {{.Config.Healthcheck}}",
	  "sha256:ac2f96233d7f8081000d10e7fd0c0d331bb48f18df12fec752ba34ebf7ef0109 map[Interval:900"
	  "00000000 Retries:4 StartPeriod:500000000 Test:[CMD /bin/true] Timeout:3000000000]" },
	{ "rich", "{{.Id}} {{index .Config.ExposedPorts \"8080/tcp\"}}",
	  "sha256:ac2f96233d7f8081000d10e7fd0c0d331bb48f18df12fec752ba34ebf7ef0109 map[]" },
	{ "rich", "{{.Id}} {{printf \"%v %d %s\" .Size .Size .Size}}",
	  "sha256:ac2f96233d7f8081000d10e7fd0c0d331bb48f18df12fec752ba34ebf7ef0109 1982296 %!d(json"
	  ".Number=1982296) 1982296" },
	{ "rich", "{{.Id}} {{len .Size}}",
	  "sha256:ac2f96233d7f8081000d10e7fd0c0d331bb48f18df12fec752ba34ebf7ef0109 7" },
	{ "rich", "{{.Id}} {{.Size | printf \"%T\"}}",
	  "sha256:ac2f96233d7f8081000d10e7fd0c0d331bb48f18df12fec752ba34ebf7ef0109 json.Number" },
	{ "rich", "{{printf \"%T %T %T %T\" .Size .Config .Config.Cmd .Metadata}}",
	  "int64 *container.Config strslice.StrSlice types.ImageMetadata" },
	{ "rich", "{{index . \"Os\"}}",
	  "linux" },
	{ "rich", "{{index .Config \"Cmd\"}}",
	  "[echo hello]" },
	{ "rich", "{{title \"hello wORLD foo-bar_baz 1a\"}}",
	  "Hello WORLD Foo-Bar_baz 1a" },
	{ "rich", "{{split \"a,b,,c\" \",\"}}",
	  "[a b  c]" },
	{ "rich", "{{split \"\" \",\"}}",
	  "[]" },
	{ "rich", "{{split \"abc\" \"\"}}",
	  "[a b c]" },
	{ "rich", "{{join (split \"a b c\" \" \") \"-\"}}",
	  "a-b-c" },
	{ "rich", "{{pad \"\" 2 2}}|",
	  "|" },
	{ "rich", "{{upper \"h\303\251llo \303\237\"}}",
	  "H\303\211LLO \303\237" },
	{ "rich", "{{\"a\\tb\\x41\\u00e9\"}}",
	  "a\tbA\303\251" },
	{ "rich", "{{`raw\\n`}}",
	  "raw\\n" },
	{ "rich", "{{'a'}}",
	  "97" },
	{ "rich", "{{1.5}}",
	  "1.5" },
	{ "rich", "{{0x1F}}",
	  "31" },
	{ "rich", "{{-3}}",
	  "-3" },
	{ "rich", "{{true}}",
	  "true" },
	{ "rich", "{{printf \"%5.2f|%e|%g\" 3.14159 1234.5 0.000001}}",
	  " 3.14|1.234500e+03|1e-06" },
	{ "rich", "{{.Config.Healthcheck.Interval}} {{.Config.Healthcheck.Timeout}}",
	  "1m30s 3s" },
	{ "rich", "{{json .RepoDigests}}",
	  "[]" },
	{ "rich", "{{json .Config.Entrypoint}}",
	  "[\"/bin/sh\",\"-c\"]" },
	{ "rich", "{{if .Config.Healthcheck}}hc{{else}}nohc{{end}}",
	  "hc" },
	{ "rich", "{{with .Config.Healthcheck}}{{.Retries}}{{else}}none{{end}}",
	  "4" },
	{ "rich", "{{range .RepoTags}}{{if eq . \"bb:1.0\"}}{{break}}{{end}}{{.}};{{end}}",
	  "demo/rich:1;" },
	{ "rich", "{{range .RepoTags}}{{if eq . \"bb:1.0\"}}{{continue}}{{end}}{{.}};{{end}}",
	  "demo/rich:1;" },
	{ "rich", "{{- .Os -}}",
	  "linux" },
	{ "rich", "  {{- .Os}}  ",
	  "linux  " },
	{ "rich", "{{.Os}}{{if 1}}{{else if 2}}{{end}}",
	  "linux" },
	{ "rich", "{{(.Os)}}",
	  "linux" },
	{ "rich", "{{html \"<a>\"}}",
	  "&lt;a&gt;" },
	{ "rich", "{{urlquery \"a b\"}}",
	  "a+b" },
	{ "rich", "{{slice .Os 1 3}}",
	  "in" },
	{ "rich", "{{range $i, $e := .Config.Labels}}{{$i}}{{end}}",
	  "org.exampleplainquote\"dzz.last" },
	{ "rich", "{{.Metadata.LastTagTime.Unix}}",
	  "1795463036" },
	{ "rich", "{{.Config.Labels.x.y}}",
	  "<no value>" },
	{ "rich", "{{eq .Config.Labels.nope \"x\"}}",
	  "false" },
	{ "rich", "{{.Config.Volumes}} {{.Config.Entrypoint}} {{.Config.OnBuild}} {{.Config.Env}}",
	  "map[/data:{} /var/log:{}] [/bin/sh -c] [RUN echo hi] [PATH=/usr/local/sbin:/usr/local/bi"
	  "n:/usr/sbin:/usr/bin:/sbin:/bin A=1 B=x y C=a<b&c>d]" },
	{ "rich", "{{.ContainerConfig.Healthcheck}}",
	  "{[CMD /bin/true] 1m30s 3s 500ms 4}" },
	{ "rich", "{{.Config.StopTimeout}}",
	  "<nil>" },
	{ "rich", "{{printf \"%v\" .RootFS}}",
	  "{layers [sha256:021d7eae101e4f2e6b57fed2b985e2675069c6b5ff2ac5ca7ef54332e7443106] }" },
	{ "rich", "{{printf \"%+v\" .RootFS}}",
	  "{Type:layers Layers:[sha256:021d7eae101e4f2e6b57fed2b985e2675069c6b5ff2ac5ca7ef54332e744"
	  "3106] BaseLayer:}" },
	{ "rich", "a  {{- /* c */ -}}  b",
	  "ab" },
	{ "rich", "{{/* only */}}",
	  "" },
	{ "rich", "x {{- .Os}}",
	  "xlinux" },
	{ "rich", "{{.Os -}} y",
	  "linuxy" },
	{ "rich", "{{if eq .Os \"windows\"}}w{{else if eq .Os \"linux\"}}l{{else}}o{{end}}",
	  "l" },
	{ "rich", "{{if .Config.Healthcheck}}{{.Config.Healthcheck.Retries}}{{else if .Config.Labels}}label"
	  "s{{end}}",
	  "4" },
	{ "rich", "{{with .Config.Healthcheck}}{{.Test}}{{else}}none{{end}}",
	  "[CMD /bin/true]" },
	{ "rich", "{{range $i, $l := .RootFS.Layers}}{{if $i}},{{end}}{{$i}}{{end}}",
	  "0" },
	{ "rich", "{{range .RootFS.Layers}}{{$.Os}}:{{len .}} {{end}}",
	  "linux:71 " },
	{ "rich", "{{$n := 0}}{{range .RepoTags}}{{$n = 1}}{{end}}{{$n}}",
	  "1" },
	{ "rich", "{{$x := \"a\"}}{{if true}}{{$x := \"b\"}}{{$x}}{{end}}{{$x}}",
	  "ba" },
	{ "rich", "{{and .Os .Architecture}}",
	  "amd64" },
	{ "rich", "{{or \"\" .Config.User .Os}}",
	  "nobody:nogroup" },
	{ "rich", "{{or .Config.StopTimeout \"none\"}}",
	  "none" },
	{ "rich", "{{not \"\"}}",
	  "true" },
	{ "rich", "{{ne .Os \"linux\"}}",
	  "false" },
	{ "rich", "{{printf \"%-8s|%8s|%.3s|%5d|%-5d|%05d|%x|%X|%o|%q|%t|%v\" .Os .Os .Os 42 42 42 255 255 "
	  "8 .Os true .RepoTags}}",
	  "linux   |   linux|lin|   42|42   |00042|ff|FF|10|\"linux\"|true|[demo/rich:1]" },
	{ "rich", "{{printf \"%s %v %d\" .Config.Healthcheck.Interval .Config.Healthcheck.Interval .Config."
	  "Healthcheck.Interval}}",
	  "1m30s 1m30s 90000000000" },
	{ "rich", "{{printf \"%v|%s\" .Config.ExposedPorts .Metadata.LastTagTime}}",
	  "map[53/udp:{} 8080/tcp:{} 9000/tcp:{}]|2026-11-23 19:43:56.034883334 +0000 UTC" },
	{ "rich", "{{printf \"%+v\" .Config.Healthcheck}}",
	  "&{Test:[CMD /bin/true] Interval:1m30s Timeout:3s StartPeriod:500ms Retries:4}" },
	{ "rich", "{{printf \"%T %T %T %T %T\" .Config.ExposedPorts .Config.Volumes .Config.Healthcheck 1.5"
	  " 'x'}}",
	  "nat.PortSet map[string]struct {} *container.HealthConfig float64 int" },
	{ "rich", "{{printf \"%6.2f|%g|%v|%e\" 2.5 2.5 100000000.0 0.5}}",
	  "  2.50|2.5|1e+08|5.000000e-01" },
	{ "rich", "{{print 1 2 \"a\" \"b\" 3 .Os 4}}",
	  "1 2ab3linux4" },
	{ "rich", "{{println \"a\" 1 .RepoTags}}",
	  "a 1 [demo/rich:1]\n" },
	{ "rich", "{{len (split .Id \":\")}}",
	  "2" },
	{ "rich", "{{index (split \"a/b/c\" \"/\") 2}}",
	  "c" },
	{ "rich", "{{range split \"x,y\" \",\"}}<{{.}}>{{end}}",
	  "<x><y>" },
	{ "rich", "{{range $k, $v := .Config.ExposedPorts}}{{$k.Port}}/{{$k.Proto}}={{$k.Int}} {{end}}",
	  "53/udp=53 8080/tcp=8080 9000/tcp=9000 " },
	{ "rich", "{{range $k, $v := .Config.Labels}}{{printf \"%q=%q \" $k $v}}{{end}}",
	  "\"org.example\"=\"v<1>&\" \"plain\"=\"yes\" \"quote\\\"d\"=\"it's \\\"q\\\"\" \"zz.last\""
	  "=\"z\" " },
	{ "rich", "{{json (index .Config.Labels \"org.example\")}}",
	  "\"v<1>&\"" },
	{ "rich", "{{json .Config.Labels.plain}}",
	  "\"yes\"" },
	{ "rich", "{{json .RepoTags}} {{json .Architecture}}",
	  "[\"demo/rich:1\"] \"amd64\"" },
	{ "rich", "{{.Metadata.LastTagTime.Year}}",
	  "2026" },
	{ "rich", "{{.Metadata.LastTagTime.IsZero}}",
	  "false" },
	{ "rich", "{{.Config.Healthcheck.Interval.Seconds}}",
	  "90" },
	{ "rich", "{{.Id}} {{.Size.Int64}}",
	  "sha256:ac2f96233d7f8081000d10e7fd0c0d331bb48f18df12fec752ba34ebf7ef0109 1982296" },
	{ "rich", "{{.Id}} {{.Size.String}}",
	  "sha256:ac2f96233d7f8081000d10e7fd0c0d331bb48f18df12fec752ba34ebf7ef0109 1982296" },
	{ "rich", "{{slice .RepoTags 0 1}}",
	  "[demo/rich:1]" },
	{ "rich", "{{slice .Id 0 12}}",
	  "sha256:ac2f9" },
	{ "rich", "{{html .Config.Labels}}",
	  "map[org.example:v&lt;1&gt;&amp; plain:yes quote&#34;d:it&#39;s &#34;q&#34; zz.last:z]" },
	{ "rich", "{{js \"a'b<c>\"}}",
	  "a\\'b\\u003Cc\\u003E" },
	{ "rich", "{{urlquery .Config.Labels.plain \"x y\"}}",
	  "yesx+y" },
	{ "rich", "{{.Os}}",
	  "linux" },
	{ "rich", "{{ .Config.Env | len | printf \"%d vars\" }}",
	  "4 vars" },
	{ "rich", "{{range .Config.Env}}{{if eq . \"A=1\"}}{{continue}}{{end}}{{.}};{{end}}",
	  "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin;B=x y;C=a<b&c>d;" },
	{ "rich", "{{range $e := .Config.Env}}{{$e}}{{break}}{{end}}",
	  "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" },
	{ "rich", "{{index .Config.Volumes \"/data\"}}",
	  "{}" },
	{ "rich", "{{index .Config.Volumes \"/nope\"}}",
	  "{}" },
	{ "rich", "{{.Config.Volumes}}",
	  "map[/data:{} /var/log:{}]" },
	{ "rich", "{{json .Config.StopTimeout}}",
	  "null" },
	{ "rich", "{{lt \"a\" \"b\"}} {{le 2 2}} {{gt 2.5 1.5}} {{ge \"b\" \"a\"}}",
	  "true true true true" },
	{ "rich", "{{eq true true}} {{eq .Config.Tty false}}",
	  "true true" },
	{ "rich", "{{if not .Config.Entrypoint}}noep{{end}}",
	  "" },
	{ "rich", "{{.Config.Entrypoint}} {{len .Config.Entrypoint}}",
	  "[/bin/sh -c] 2" },
	{ "rich", "{{range .Config.Entrypoint}}e{{else}}noep{{end}}",
	  "ee" },
	{ "rich", "{{upper \"abc\" | lower}}",
	  "abc" },
	{ "rich", "{{title \"\303\251lan vital_x \303\274ber\"}}",
	  "\303\211lan Vital_x \303\234ber" },
	{ "rich", "{{truncate \"h\303\251llo\" 2}}",
	  "h\303" },
	{ "rich", "{{pad .Os 0 0}}|{{pad \"\" 1 1}}|",
	  "linux||" },
	{ "rich", "{{index \"abc\" 1}}",
	  "98" },
	{ "rich", "{{.Config.Labels | len}}",
	  "4" },
	{ "rich", "{{with $v := index .Config.Labels \"plain\"}}{{$v}}{{end}}",
	  "yes" },
	{ "rich", "{{range $i, $_ := .RootFS.Layers}}{{$i}}{{end}}",
	  "0" },
	{ "rich", "{{printf \"%5t|%-7v|\" true .Os}}",
	  " true|linux  |" },
	{ "rich", "{{printf \"%s\" .Config.Labels}}",
	  "map[org.example:v<1>& plain:yes quote\"d:it's \"q\" zz.last:z]" },
	{ "rich", "{{printf \"%d\" .Config.Cmd}}",
	  "[%!d(string=echo hello)]" },
	{ "rich", "{{printf \"%d\" .RootFS}}",
	  "{%!d(string=layers) [%!d(string=sha256:021d7eae101e4f2e6b57fed2b985e2675069c6b5ff2ac5ca7"
	  "ef54332e7443106)] %!d(string=)}" },
	{ "rich", "{{printf \"%x\" .Os}}",
	  "6c696e7578" },
	{ "rich", "{{printf \"%c|%U\" 65 9731}}",
	  "A|U+2603" },
	{ "rich", "{{printf \"%08.3f|%+d|% d\" 3.14159 5 5}}",
	  "0003.142|+5| 5" },
	{ "rich", "{{`raw\nmulti`}}",
	  "raw\nmulti" },
	{ "rich", "{{\n.Os\n}}",
	  "linux" },
	{ "rich", "a\n{{- .Os -}}\n\nb",
	  "alinuxb" },
	{ "rich", "{{range .RepoTags}}\n  - {{.}}\n{{- end}}",
	  "\n  - demo/rich:1" },
	{ "rich", "{{/* multi\nline */}}x",
	  "x" },
	{ "rich", "{{range $k, $v := .Config.Labels}}{{$k}}={{$v}}\n{{end}}",
	  "org.example=v<1>&\nplain=yes\nquote\"d=it's \"q\"\nzz.last=z\n" },
	{ "rich", "{{with .Config.Healthcheck -}}\n  test: {{json .Test}}\n  every {{.Interval}}\n{{- end}}"
	  "",
	  "test: [\"CMD\",\"/bin/true\"]\n  every 1m30s" },
	{ "app", "{{.Os}}",
	  "linux" },
	{ "app", "{{.Id}}",
	  "sha256:c0e6450d2e54a0098fa3e23fd17e1b3e7a0c87aa5d30066e327d777de57d481f" },
	{ "app", "{{.ID}}",
	  "sha256:c0e6450d2e54a0098fa3e23fd17e1b3e7a0c87aa5d30066e327d777de57d481f" },
	{ "app", "{{.RepoTags}}",
	  "[127.0.0.1:26019/demo/app:1 demo/app:1]" },
	{ "app", "{{.RepoDigests}}",
	  "[127.0.0.1:26019/demo/app@sha256:41e1abce1d24a7e6f17d764cefadbff6f3412039d1f389d1b4ee262"
	  "698fdde93]" },
	{ "app", "{{.Config.Cmd}}",
	  "[/bin/cat /srv/hello.txt]" },
	{ "app", "{{ .Config.Cmd }}",
	  "[/bin/cat /srv/hello.txt]" },
	{ "app", "{{.Config.Env}}",
	  "[PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin APP_MODE=demo]" },
	{ "app", "{{.Config.Labels}}",
	  "map[maintainer:budu rig org.opencontainers.image.title:demo app]" },
	{ "app", "{{.Config.ExposedPorts}}",
	  "map[8080/tcp:{}]" },
	{ "app", "{{.Config.Volumes}}",
	  "map[]" },
	{ "app", "{{.Config.Healthcheck}}",
	  "<nil>" },
	{ "app", "{{.Config.Entrypoint}}",
	  "[]" },
	{ "app", "{{.Config.OnBuild}}",
	  "[]" },
	{ "app", "{{.Config.StopTimeout}}",
	  "<nil>" },
	{ "app", "{{.Config.Shell}}",
	  "[]" },
	{ "app", "{{.RootFS}}",
	  "{layers [sha256:021d7eae101e4f2e6b57fed2b985e2675069c6b5ff2ac5ca7ef54332e7443106 sha256:"
	  "f9b3fc089df43572b66473fb293a4289c17826bbed943468ca2c5dc91723608f sha256:6dae967204002edf"
	  "83a83f2eb41e4f9bdda467ef385e17704550874ec5ec695b] }" },
	{ "app", "{{.RootFS.Layers}}",
	  "[sha256:021d7eae101e4f2e6b57fed2b985e2675069c6b5ff2ac5ca7ef54332e7443106 sha256:f9b3fc08"
	  "9df43572b66473fb293a4289c17826bbed943468ca2c5dc91723608f sha256:6dae967204002edf83a83f2e"
	  "b41e4f9bdda467ef385e17704550874ec5ec695b]" },
	{ "app", "{{.GraphDriver}}",
	  "{map[] vfs}" },
	{ "app", "{{.GraphDriver.Data}}",
	  "map[]" },
	{ "app", "{{.Metadata}}",
	  "{2026-11-23 19:43:41.118506754 +0000 UTC}" },
	{ "app", "{{.Metadata.LastTagTime}}",
	  "2026-11-23 19:43:41.118506754 +0000 UTC" },
	{ "app", "{{.Size}}",
	  "2506619" },
	{ "app", "{{.VirtualSize}}",
	  "2506619" },
	{ "app", "{{.Created}}",
	  "2026-11-23T19:43:40.28796773Z" },
	{ "app", "{{.Config}}",
	  "{   false false false map[8080/tcp:{}] false false false [PATH=/usr/local/sbin:/usr/loca"
	  "l/bin:/usr/sbin:/usr/bin:/sbin:/bin APP_MODE=demo] [/bin/cat /srv/hello.txt] <nil> false"
	  " sha256:14da68ceb534c8be3ab4054b0bbe55ff40c5b915ebd0eef6f6aeb842388cd5f2 map[]  [] false"
	  "  [] map[maintainer:budu rig org.opencontainers.image.title:demo app]  <nil> []}" },
	{ "app", "{{.ContainerConfig}}",
	  "{b2c5e6f12436   false false false map[8080/tcp:{}] false false false [PATH=/usr/local/sb"
	  "in:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin APP_MODE=demo] [/bin/sh -c #(nop)  CMD ["
	  "\"/bin/cat\" \"/srv/hello.txt\"]] <nil> false sha256:14da68ceb534c8be3ab4054b0bbe55ff40c"
	  "5b915ebd0eef6f6aeb842388cd5f2 map[]  [] false  [] map[maintainer:budu rig org.opencontai"
	  "ners.image.title:demo app]  <nil> []}" },
	{ "app", "{{json .Config.Labels}}",
	  "{\"maintainer\":\"budu rig\",\"org.opencontainers.image.title\":\"demo app\"}" },
	{ "app", "{{json .}}",
	  "{\"Id\":\"sha256:c0e6450d2e54a0098fa3e23fd17e1b3e7a0c87aa5d30066e327d777de57d481f\",\"Re"
	  "poTags\":[\"127.0.0.1:26019/demo/app:1\",\"demo/app:1\"],\"RepoDigests\":[\"127.0.0.1:26"
	  "019/demo/app@sha256:41e1abce1d24a7e6f17d764cefadbff6f3412039d1f389d1b4ee262698fdde93\"],"
	  "\"Parent\":\"sha256:14da68ceb534c8be3ab4054b0bbe55ff40c5b915ebd0eef6f6aeb842388cd5f2\",\""
	  "Comment\":\"\",\"Created\":\"2026-11-23T19:43:40.28796773Z\",\"Container\":\"b2c5e6f1243"
	  "69e22a4ff8040d9342f8f2d20c793f6507e2859f741e1a8bb4ad5\",\"ContainerConfig\":{\"Hostname\""
	  ":\"b2c5e6f12436\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\":false,\"AttachStdout"
	  "\":false,\"AttachStderr\":false,\"ExposedPorts\":{\"8080/tcp\":{}},\"Tty\":false,\"OpenS"
	  "tdin\":false,\"StdinOnce\":false,\"Env\":[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbi"
	  "n:/usr/bin:/sbin:/bin\",\"APP_MODE=demo\"],\"Cmd\":[\"/bin/sh\",\"-c\",\"#(nop) \",\"CMD"
	  " [\\\"/bin/cat\\\" \\\"/srv/hello.txt\\\"]\"],\"Image\":\"sha256:14da68ceb534c8be3ab4054"
	  "b0bbe55ff40c5b915ebd0eef6f6aeb842388cd5f2\",\"Volumes\":null,\"WorkingDir\":\"\",\"Entry"
	  "point\":null,\"OnBuild\":null,\"Labels\":{\"maintainer\":\"budu rig\",\"org.opencontaine"
	  "rs.image.title\":\"demo app\"}},\"DockerVersion\":\"20.10.24+dfsg1\",\"Author\":\"\",\"C"
	  "onfig\":{\"Hostname\":\"\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\":false,\"Att"
	  "achStdout\":false,\"AttachStderr\":false,\"ExposedPorts\":{\"8080/tcp\":{}},\"Tty\":fals"
	  "e,\"OpenStdin\":false,\"StdinOnce\":false,\"Env\":[\"PATH=/usr/local/sbin:/usr/local/bin"
	  ":/usr/sbin:/usr/bin:/sbin:/bin\",\"APP_MODE=demo\"],\"Cmd\":[\"/bin/cat\",\"/srv/hello.t"
	  "xt\"],\"Image\":\"sha256:14da68ceb534c8be3ab4054b0bbe55ff40c5b915ebd0eef6f6aeb842388cd5f"
	  "2\",\"Volumes\":null,\"WorkingDir\":\"\",\"Entrypoint\":null,\"OnBuild\":null,\"Labels\""
	  ":{\"maintainer\":\"budu rig\",\"org.opencontainers.image.title\":\"demo app\"}},\"Archit"
	  "ecture\":\"amd64\",\"Os\":\"linux\",\"Size\":2506619,\"VirtualSize\":2506619,\"GraphDriv"
	  "er\":{\"Data\":null,\"Name\":\"vfs\"},\"RootFS\":{\"Type\":\"layers\",\"Layers\":[\"sha2"
	  "56:021d7eae101e4f2e6b57fed2b985e2675069c6b5ff2ac5ca7ef54332e7443106\",\"sha256:f9b3fc089"
	  "df43572b66473fb293a4289c17826bbed943468ca2c5dc91723608f\",\"sha256:6dae967204002edf83a83"
	  "f2eb41e4f9bdda467ef385e17704550874ec5ec695b\"]},\"Metadata\":{\"LastTagTime\":\"2026-11-"
	  "23T19:43:41.118506754Z\"}}" },
	{ "app", "{{json .Config}}",
	  "{\"Hostname\":\"\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\":false,\"AttachStdou"
	  "t\":false,\"AttachStderr\":false,\"ExposedPorts\":{\"8080/tcp\":{}},\"Tty\":false,\"Open"
	  "Stdin\":false,\"StdinOnce\":false,\"Env\":[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sb"
	  "in:/usr/bin:/sbin:/bin\",\"APP_MODE=demo\"],\"Cmd\":[\"/bin/cat\",\"/srv/hello.txt\"],\""
	  "Image\":\"sha256:14da68ceb534c8be3ab4054b0bbe55ff40c5b915ebd0eef6f6aeb842388cd5f2\",\"Vo"
	  "lumes\":null,\"WorkingDir\":\"\",\"Entrypoint\":null,\"OnBuild\":null,\"Labels\":{\"main"
	  "tainer\":\"budu rig\",\"org.opencontainers.image.title\":\"demo app\"}}" },
	{ "app", "{{json .Config.Cmd}}",
	  "[\"/bin/cat\",\"/srv/hello.txt\"]" },
	{ "app", "{{json .Config.Volumes}}",
	  "null" },
	{ "app", "{{json .Config.Env}}",
	  "[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\"APP_MODE=demo\""
	  "]" },
	{ "app", "{{json .RootFS}}",
	  "{\"Type\":\"layers\",\"Layers\":[\"sha256:021d7eae101e4f2e6b57fed2b985e2675069c6b5ff2ac5"
	  "ca7ef54332e7443106\",\"sha256:f9b3fc089df43572b66473fb293a4289c17826bbed943468ca2c5dc917"
	  "23608f\",\"sha256:6dae967204002edf83a83f2eb41e4f9bdda467ef385e17704550874ec5ec695b\"]}" },
	{ "app", "{{json .Metadata}}",
	  "{\"LastTagTime\":\"2026-11-23T19:43:41.118506754Z\"}" },
	{ "app", "{{json .GraphDriver}}",
	  "{\"Data\":null,\"Name\":\"vfs\"}" },
	{ "app", "{{json .Size}}",
	  "2506619" },
	{ "app", "{{json .Config.Healthcheck}}",
	  "null" },
	{ "app", "{{json .Os}}",
	  "\"linux\"" },
	{ "app", "{{index .RepoTags 0}}",
	  "127.0.0.1:26019/demo/app:1" },
	{ "app", "{{index .Config.Labels \"org.example\"}}",
	  "" },
	{ "app", "{{index .Config.Labels \"nope\"}}",
	  "" },
	{ "app", "{{.Config.Labels.nope}}",
	  "<no value>" },
	{ "app", "id={{.Id}} os={{.Os}}",
	  "id=sha256:c0e6450d2e54a0098fa3e23fd17e1b3e7a0c87aa5d30066e327d777de57d481f os=linux" },
	{ "app", "{{.ID}} {{.Config.Volumes}}",
	  "sha256:c0e6450d2e54a0098fa3e23fd17e1b3e7a0c87aa5d30066e327d777de57d481f map[]" },
	{ "app", "{{.Id}} {{.Config.Volumes}}",
	  "sha256:c0e6450d2e54a0098fa3e23fd17e1b3e7a0c87aa5d30066e327d777de57d481f <no value>" },
	{ "app", "{{.Id}} {{.Config}}",
	  "sha256:c0e6450d2e54a0098fa3e23fd17e1b3e7a0c87aa5d30066e327d777de57d481f map[AttachStderr"
	  ":false AttachStdin:false AttachStdout:false Cmd:[/bin/cat /srv/hello.txt] Domainname: En"
	  "trypoint:<nil> Env:[PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin AP"
	  "P_MODE=demo] ExposedPorts:map[8080/tcp:map[]] Hostname: Image:sha256:14da68ceb534c8be3ab"
	  "4054b0bbe55ff40c5b915ebd0eef6f6aeb842388cd5f2 Labels:map[maintainer:budu rig org.opencon"
	  "tainers.image.title:demo app] OnBuild:<nil> OpenStdin:false StdinOnce:false Tty:false Us"
	  "er: Volumes:<nil> WorkingDir:]" },
	{ "app", "{{.Id}} {{json .Config}}",
	  "sha256:c0e6450d2e54a0098fa3e23fd17e1b3e7a0c87aa5d30066e327d777de57d481f {\"AttachStderr\""
	  ":false,\"AttachStdin\":false,\"AttachStdout\":false,\"Cmd\":[\"/bin/cat\",\"/srv/hello.t"
	  "xt\"],\"Domainname\":\"\",\"Entrypoint\":null,\"Env\":[\"PATH=/usr/local/sbin:/usr/local"
	  "/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\"APP_MODE=demo\"],\"ExposedPorts\":{\"8080/tcp\":{"
	  "}},\"Hostname\":\"\",\"Image\":\"sha256:14da68ceb534c8be3ab4054b0bbe55ff40c5b915ebd0eef6"
	  "f6aeb842388cd5f2\",\"Labels\":{\"maintainer\":\"budu rig\",\"org.opencontainers.image.ti"
	  "tle\":\"demo app\"},\"OnBuild\":null,\"OpenStdin\":false,\"StdinOnce\":false,\"Tty\":fal"
	  "se,\"User\":\"\",\"Volumes\":null,\"WorkingDir\":\"\"}" },
	{ "app", "{{.Id}} {{.Size}} {{.RootFS}}",
	  "sha256:c0e6450d2e54a0098fa3e23fd17e1b3e7a0c87aa5d30066e327d777de57d481f 2506619 map[Laye"
	  "rs:[sha256:021d7eae101e4f2e6b57fed2b985e2675069c6b5ff2ac5ca7ef54332e7443106 sha256:f9b3f"
	  "c089df43572b66473fb293a4289c17826bbed943468ca2c5dc91723608f sha256:6dae967204002edf83a83"
	  "f2eb41e4f9bdda467ef385e17704550874ec5ec695b] Type:layers]" },
	{ "app", "{{len .RepoTags}}",
	  "2" },
	{ "app", "{{len .Config.Labels}}",
	  "2" },
	{ "app", "{{len .Config.Volumes}}",
	  "0" },
	{ "app", "{{upper .Os}}",
	  "LINUX" },
	{ "app", "{{lower .Architecture}}",
	  "amd64" },
	{ "app", "{{title .Os}}",
	  "Linux" },
	{ "app", "{{join .Config.Cmd \" \"}}",
	  "/bin/cat /srv/hello.txt" },
	{ "app", "{{join .Config.Env \",\"}}",
	  "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin,APP_MODE=demo" },
	{ "app", "{{split .Id \":\"}}",
	  "[sha256 c0e6450d2e54a0098fa3e23fd17e1b3e7a0c87aa5d30066e327d777de57d481f]" },
	{ "app", "{{index (split .Id \":\") 1}}",
	  "c0e6450d2e54a0098fa3e23fd17e1b3e7a0c87aa5d30066e327d777de57d481f" },
	{ "app", "{{println .Os}}",
	  "linux\n" },
	{ "app", "{{println .Os .Architecture}}",
	  "linux amd64\n" },
	{ "app", "{{print .Os .Size}}",
	  "linux2506619" },
	{ "app", "{{printf \"%s-%d\" .Os .Size}}",
	  "linux-2506619" },
	{ "app", "{{range .RepoTags}}[{{.}}]{{end}}",
	  "[127.0.0.1:26019/demo/app:1][demo/app:1]" },
	{ "app", "{{range $k, $v := .Config.Labels}}{{$k}}={{$v}};{{end}}",
	  "maintainer=budu rig;org.opencontainers.image.title=demo app;" },
	{ "app", "{{range .Config.Env}}{{println .}}{{end}}",
	  "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nAPP_MODE=demo\n" },
	{ "app", "{{if .Config.Labels}}has{{else}}none{{end}}",
	  "has" },
	{ "app", "{{with .Config.Healthcheck}}{{.Test}} {{.Interval}} {{.Retries}}{{end}}",
	  "" },
	{ "app", "{{truncate .Id 12}}",
	  "sha256:c0e64" },
	{ "app", "{{pad .Os 2 3}}|",
	  "  linux   |" },
	{ "app", "{{.Config.User}}",
	  "" },
	{ "app", "{{.Config.StopSignal}}",
	  "" },
	{ "app", "{{.Config.ArgsEscaped}}",
	  "false" },
	{ "app", "{{.Config.Tty}}",
	  "false" },
	{ "app", "{{.Variant}}",
	  "" },
	{ "app", "{{.OsVersion}}",
	  "" },
	{ "app", "{{.Parent}}",
	  "sha256:14da68ceb534c8be3ab4054b0bbe55ff40c5b915ebd0eef6f6aeb842388cd5f2" },
	{ "app", "{{.Comment}}",
	  "" },
	{ "app", "{{.Config.Labels.maintainer}}",
	  "budu rig" },
	{ "app", "{{ .Os -}}   x",
	  "linuxx" },
	{ "app", "{{.Os}}{{/* c */}}!",
	  "linux!" },
	{ "app", "{{eq .Os \"linux\"}}",
	  "true" },
	{ "app", "{{index .Config.Labels}}",
	  "map[maintainer:budu rig org.opencontainers.image.title:demo app]" },
	{ "app", "{{json .Id}}",
	  "\"sha256:c0e6450d2e54a0098fa3e23fd17e1b3e7a0c87aa5d30066e327d777de57d481f\"" },
	{ "app", "{{.RootFS.BaseLayer}}",
	  "" },
	{ "app", "{{.Config.Hostname}}",
	  "" },
	{ "app", "{{.Config.Image}}",
	  "sha256:14da68ceb534c8be3ab4054b0bbe55ff40c5b915ebd0eef6f6aeb842388cd5f2" },
	{ "app", "{{.ContainerConfig.Cmd}}",
	  "[/bin/sh -c #(nop)  CMD [\"/bin/cat\" \"/srv/hello.txt\"]]" },
	{ "app", "{{.Config.Labels.org.example}}",
	  "<no value>" },
	{ "app", "{{index .Config.Labels \"quote\\\"d\"}}",
	  "" },
	{ "app", "{{json .Config.ExposedPorts}}",
	  "{\"8080/tcp\":{}}" },
	{ "app", "{{.Id}} {{.Config.Labels}}",
	  "sha256:c0e6450d2e54a0098fa3e23fd17e1b3e7a0c87aa5d30066e327d777de57d481f map[maintainer:b"
	  "udu rig org.opencontainers.image.title:demo app]" },
	{ "app", "{{.Id}} {{.Config.ExposedPorts}}",
	  "sha256:c0e6450d2e54a0098fa3e23fd17e1b3e7a0c87aa5d30066e327d777de57d481f map[8080/tcp:map"
	  "[]]" },
	{ "app", "{{.Id}} {{index .RepoTags 0}}",
	  "sha256:c0e6450d2e54a0098fa3e23fd17e1b3e7a0c87aa5d30066e327d777de57d481f 127.0.0.1:26019/"
	  "demo/app:1" },
	{ "app", "{{.Id}} {{index .Config.Labels \"nope\"}}",
	  "sha256:c0e6450d2e54a0098fa3e23fd17e1b3e7a0c87aa5d30066e327d777de57d481f <no value>" },
	{ "app", "{{.Id}} {{.Metadata}}",
	  "sha256:c0e6450d2e54a0098fa3e23fd17e1b3e7a0c87aa5d30066e327d777de57d481f map[LastTagTime:"
	  "2026-11-23T19:43:41.118506754Z]" },
	{ "app", "{{.Id}} {{json .Metadata}}",
	  "sha256:c0e6450d2e54a0098fa3e23fd17e1b3e7a0c87aa5d30066e327d777de57d481f {\"LastTagTime\""
	  ":\"2026-11-23T19:43:41.118506754Z\"}" },
	{ "app", "{{.Id}} {{upper .Os}}",
	  "sha256:c0e6450d2e54a0098fa3e23fd17e1b3e7a0c87aa5d30066e327d777de57d481f LINUX" },
	{ "app", "{{.Id}} {{len .Id}}",
	  "sha256:c0e6450d2e54a0098fa3e23fd17e1b3e7a0c87aa5d30066e327d777de57d481f 71" },
	{ "app", "{{.Id}} {{json .}}",
	  "sha256:c0e6450d2e54a0098fa3e23fd17e1b3e7a0c87aa5d30066e327d777de57d481f {\"Architecture\""
	  ":\"amd64\",\"Author\":\"\",\"Comment\":\"\",\"Config\":{\"AttachStderr\":false,\"AttachS"
	  "tdin\":false,\"AttachStdout\":false,\"Cmd\":[\"/bin/cat\",\"/srv/hello.txt\"],\"Domainna"
	  "me\":\"\",\"Entrypoint\":null,\"Env\":[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/"
	  "usr/bin:/sbin:/bin\",\"APP_MODE=demo\"],\"ExposedPorts\":{\"8080/tcp\":{}},\"Hostname\":"
	  "\"\",\"Image\":\"sha256:14da68ceb534c8be3ab4054b0bbe55ff40c5b915ebd0eef6f6aeb842388cd5f2"
	  "\",\"Labels\":{\"maintainer\":\"budu rig\",\"org.opencontainers.image.title\":\"demo app"
	  "\"},\"OnBuild\":null,\"OpenStdin\":false,\"StdinOnce\":false,\"Tty\":false,\"User\":\"\""
	  ",\"Volumes\":null,\"WorkingDir\":\"\"},\"Container\":\"b2c5e6f124369e22a4ff8040d9342f8f2"
	  "d20c793f6507e2859f741e1a8bb4ad5\",\"ContainerConfig\":{\"AttachStderr\":false,\"AttachSt"
	  "din\":false,\"AttachStdout\":false,\"Cmd\":[\"/bin/sh\",\"-c\",\"#(nop) \",\"CMD [\\\"/b"
	  "in/cat\\\" \\\"/srv/hello.txt\\\"]\"],\"Domainname\":\"\",\"Entrypoint\":null,\"Env\":[\""
	  "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\"APP_MODE=demo\"],\""
	  "ExposedPorts\":{\"8080/tcp\":{}},\"Hostname\":\"b2c5e6f12436\",\"Image\":\"sha256:14da68"
	  "ceb534c8be3ab4054b0bbe55ff40c5b915ebd0eef6f6aeb842388cd5f2\",\"Labels\":{\"maintainer\":"
	  "\"budu rig\",\"org.opencontainers.image.title\":\"demo app\"},\"OnBuild\":null,\"OpenStd"
	  "in\":false,\"StdinOnce\":false,\"Tty\":false,\"User\":\"\",\"Volumes\":null,\"WorkingDir"
	  "\":\"\"},\"Created\":\"2026-11-23T19:43:40.28796773Z\",\"DockerVersion\":\"20.10.24+dfsg"
	  "1\",\"GraphDriver\":{\"Data\":null,\"Name\":\"vfs\"},\"Id\":\"sha256:c0e6450d2e54a0098fa"
	  "3e23fd17e1b3e7a0c87aa5d30066e327d777de57d481f\",\"Metadata\":{\"LastTagTime\":\"2026-11-"
	  "23T19:43:41.118506754Z\"},\"Os\":\"linux\",\"Parent\":\"sha256:14da68ceb534c8be3ab4054b0"
	  "bbe55ff40c5b915ebd0eef6f6aeb842388cd5f2\",\"RepoDigests\":[\"127.0.0.1:26019/demo/app@sh"
	  "a256:41e1abce1d24a7e6f17d764cefadbff6f3412039d1f389d1b4ee262698fdde93\"],\"RepoTags\":[\""
	  "127.0.0.1:26019/demo/app:1\",\"demo/app:1\"],\"RootFS\":{\"Layers\":[\"sha256:021d7eae10"
	  "1e4f2e6b57fed2b985e2675069c6b5ff2ac5ca7ef54332e7443106\",\"sha256:f9b3fc089df43572b66473"
	  "fb293a4289c17826bbed943468ca2c5dc91723608f\",\"sha256:6dae967204002edf83a83f2eb41e4f9bdd"
	  "a467ef385e17704550874ec5ec695b\"],\"Type\":\"layers\"},\"Size\":2506619,\"VirtualSize\":"
	  "2506619}" },
	{ "app", "{{index .Config.ExposedPorts \"8080/tcp\"}}",
	  "map[]" },
	{ "app", "{{print .Config.Healthcheck}}",
	  "<nil>" },
	{ "app", "{{print .Config.Labels}}",
	  "map[maintainer:budu rig org.opencontainers.image.title:demo app]" },
	{ "app", "{{print .Os .Size .Os \"x\" 1 2}}",
	  "linux2506619linuxx1 2" },
	{ "app", "{{println}}",
	  "\n" },
	{ "app", "{{printf \"%v|%q|%5s|%-5s|%x\" .Os .Os .Os .Os .Os}}",
	  "linux|\"linux\"|linux|linux|6c696e7578" },
	{ "app", "{{printf \"%d\" .Os}}",
	  "%!d(string=linux)" },
	{ "app", "{{printf \"%s\"}}",
	  "%!s(MISSING)" },
	{ "app", "{{printf \"%s\" .Os .Os}}",
	  "linux%!(EXTRA string=linux)" },
	{ "app", "{{printf \"%v\" .Config.Cmd}}",
	  "[/bin/cat /srv/hello.txt]" },
	{ "app", "{{printf \"%q\" .Config.Cmd}}",
	  "[\"/bin/cat\" \"/srv/hello.txt\"]" },
	{ "app", "{{range $i, $e := .RepoTags}}{{$i}}:{{$e}} {{end}}",
	  "0:127.0.0.1:26019/demo/app:1 1:demo/app:1 " },
	{ "app", "{{range .Config.Labels}}{{.}},{{end}}",
	  "budu rig,demo app," },
	{ "app", "{{range .Config.ExposedPorts}}{{.}},{{end}}",
	  "{}," },
	{ "app", "{{range $p, $_ := .Config.ExposedPorts}}{{$p}},{{end}}",
	  "8080/tcp," },
	{ "app", "{{range .RepoDigests}}x{{else}}empty{{end}}",
	  "x" },
	{ "app", "{{if eq .Os \"linux\" \"windows\"}}yes{{end}}",
	  "yes" },
	{ "app", "{{if and .Config.Labels .Config.Env}}both{{else}}no{{end}}",
	  "both" },
	{ "app", "{{or .Config.User \"root\"}}",
	  "root" },
	{ "app", "{{and 1 0 2}}",
	  "0" },
	{ "app", "{{not .Config.Labels}}",
	  "false" },
	{ "app", "{{len .Config.Cmd}}",
	  "2" },
	{ "app", "{{len .Config.Env}}",
	  "2" },
	{ "app", "{{.Config.Env | len}}",
	  "2" },
	{ "app", "{{.Os | upper | printf \"%s!\"}}",
	  "LINUX!" },
	{ "app", "{{$x := .Os}}{{$x}}",
	  "linux" },
	{ "app", "{{$x := .Os}}{{$x = \"b\"}}{{$x}}",
	  "b" },
	{ "app", "{{with $c := .Config}}{{$c.User}}{{end}}",
	  "" },
	{ "app", "{{$.Os}}",
	  "linux" },
	{ "app", "{{range .RepoTags}}{{$.Os}}{{end}}",
	  "linuxlinux" },
	{ "app", "{{json .Config.Labels.nope}}",
	  "null" },
	{ "app", "{{json (index .Config.Labels \"nope\")}}",
	  "\"\"" },
	{ "app", "{{index .Config.Labels \"nope\" | len}}",
	  "0" },
	{ "app", "{{(index .RootFS.Layers 0)}}",
	  "sha256:021d7eae101e4f2e6b57fed2b985e2675069c6b5ff2ac5ca7ef54332e7443106" },
	{ "app", "{{lt .Size 100}}",
	  "false" },
	{ "app", "{{gt .Size 100}}",
	  "true" },
	{ "app", "{{eq .Size 1982296}}",
	  "false" },
	{ "app", "{{.Id}} {{range .RepoTags}}{{.}},{{end}}",
	  "sha256:c0e6450d2e54a0098fa3e23fd17e1b3e7a0c87aa5d30066e327d777de57d481f 127.0.0.1:26019/"
	  "demo/app:1,demo/app:1," },
	{ "app", "{{.Id}} {{range $k, $v := .Config.Labels}}{{$k}}={{$v}};{{end}}",
	  "sha256:c0e6450d2e54a0098fa3e23fd17e1b3e7a0c87aa5d30066e327d777de57d481f maintainer=budu "
	  "rig;org.opencontainers.image.title=demo app;" },
	{ "app", "{{.Id}} {{index .Config.ExposedPorts \"8080/tcp\"}}",
	  "sha256:c0e6450d2e54a0098fa3e23fd17e1b3e7a0c87aa5d30066e327d777de57d481f map[]" },
	{ "app", "{{.Id}} {{printf \"%v %d %s\" .Size .Size .Size}}",
	  "sha256:c0e6450d2e54a0098fa3e23fd17e1b3e7a0c87aa5d30066e327d777de57d481f 2506619 %!d(json"
	  ".Number=2506619) 2506619" },
	{ "app", "{{.Id}} {{len .Size}}",
	  "sha256:c0e6450d2e54a0098fa3e23fd17e1b3e7a0c87aa5d30066e327d777de57d481f 7" },
	{ "app", "{{.Id}} {{.Size | printf \"%T\"}}",
	  "sha256:c0e6450d2e54a0098fa3e23fd17e1b3e7a0c87aa5d30066e327d777de57d481f json.Number" },
	{ "app", "{{printf \"%T %T %T %T\" .Size .Config .Config.Cmd .Metadata}}",
	  "int64 *container.Config strslice.StrSlice types.ImageMetadata" },
	{ "app", "{{index . \"Os\"}}",
	  "linux" },
	{ "app", "{{index .Config \"Cmd\"}}",
	  "[/bin/cat /srv/hello.txt]" },
	{ "app", "{{title \"hello wORLD foo-bar_baz 1a\"}}",
	  "Hello WORLD Foo-Bar_baz 1a" },
	{ "app", "{{split \"a,b,,c\" \",\"}}",
	  "[a b  c]" },
	{ "app", "{{split \"\" \",\"}}",
	  "[]" },
	{ "app", "{{split \"abc\" \"\"}}",
	  "[a b c]" },
	{ "app", "{{join (split \"a b c\" \" \") \"-\"}}",
	  "a-b-c" },
	{ "app", "{{pad \"\" 2 2}}|",
	  "|" },
	{ "app", "{{upper \"h\303\251llo \303\237\"}}",
	  "H\303\211LLO \303\237" },
	{ "app", "{{\"a\\tb\\x41\\u00e9\"}}",
	  "a\tbA\303\251" },
	{ "app", "{{`raw\\n`}}",
	  "raw\\n" },
	{ "app", "{{'a'}}",
	  "97" },
	{ "app", "{{1.5}}",
	  "1.5" },
	{ "app", "{{0x1F}}",
	  "31" },
	{ "app", "{{-3}}",
	  "-3" },
	{ "app", "{{true}}",
	  "true" },
	{ "app", "{{printf \"%5.2f|%e|%g\" 3.14159 1234.5 0.000001}}",
	  " 3.14|1.234500e+03|1e-06" },
	{ "app", "{{json .RepoDigests}}",
	  "[\"127.0.0.1:26019/demo/app@sha256:41e1abce1d24a7e6f17d764cefadbff6f3412039d1f389d1b4ee2"
	  "62698fdde93\"]" },
	{ "app", "{{json .Config.Entrypoint}}",
	  "null" },
	{ "app", "{{if .Config.Healthcheck}}hc{{else}}nohc{{end}}",
	  "nohc" },
	{ "app", "{{with .Config.Healthcheck}}{{.Retries}}{{else}}none{{end}}",
	  "none" },
	{ "app", "{{range .RepoTags}}{{if eq . \"bb:1.0\"}}{{break}}{{end}}{{.}};{{end}}",
	  "127.0.0.1:26019/demo/app:1;demo/app:1;" },
	{ "app", "{{range .RepoTags}}{{if eq . \"bb:1.0\"}}{{continue}}{{end}}{{.}};{{end}}",
	  "127.0.0.1:26019/demo/app:1;demo/app:1;" },
	{ "app", "{{- .Os -}}",
	  "linux" },
	{ "app", "  {{- .Os}}  ",
	  "linux  " },
	{ "app", "{{.Os}}{{if 1}}{{else if 2}}{{end}}",
	  "linux" },
	{ "app", "{{(.Os)}}",
	  "linux" },
	{ "app", "{{html \"<a>\"}}",
	  "&lt;a&gt;" },
	{ "app", "{{urlquery \"a b\"}}",
	  "a+b" },
	{ "app", "{{slice .Os 1 3}}",
	  "in" },
	{ "app", "{{range $i, $e := .Config.Labels}}{{$i}}{{end}}",
	  "maintainerorg.opencontainers.image.title" },
	{ "app", "{{.Metadata.LastTagTime.Unix}}",
	  "1795463021" },
	{ "app", "{{.Config.Labels.x.y}}",
	  "<no value>" },
	{ "app", "{{eq .Config.Labels.nope \"x\"}}",
	  "false" },
	{ "app", "{{.Config.Volumes}} {{.Config.Entrypoint}} {{.Config.OnBuild}} {{.Config.Env}}",
	  "map[] [] [] [PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin APP_MODE="
	  "demo]" },
	{ "app", "{{.ContainerConfig.Healthcheck}}",
	  "<nil>" },
	{ "app", "{{.Config.StopTimeout}}",
	  "<nil>" },
	{ "app", "{{printf \"%v\" .Config}}",
	  "&{   false false false map[8080/tcp:{}] false false false [PATH=/usr/local/sbin:/usr/loc"
	  "al/bin:/usr/sbin:/usr/bin:/sbin:/bin APP_MODE=demo] [/bin/cat /srv/hello.txt] <nil> fals"
	  "e sha256:14da68ceb534c8be3ab4054b0bbe55ff40c5b915ebd0eef6f6aeb842388cd5f2 map[]  [] fals"
	  "e  [] map[maintainer:budu rig org.opencontainers.image.title:demo app]  <nil> []}" },
	{ "app", "{{printf \"%v\" .RootFS}}",
	  "{layers [sha256:021d7eae101e4f2e6b57fed2b985e2675069c6b5ff2ac5ca7ef54332e7443106 sha256:"
	  "f9b3fc089df43572b66473fb293a4289c17826bbed943468ca2c5dc91723608f sha256:6dae967204002edf"
	  "83a83f2eb41e4f9bdda467ef385e17704550874ec5ec695b] }" },
	{ "app", "{{printf \"%+v\" .RootFS}}",
	  "{Type:layers Layers:[sha256:021d7eae101e4f2e6b57fed2b985e2675069c6b5ff2ac5ca7ef54332e744"
	  "3106 sha256:f9b3fc089df43572b66473fb293a4289c17826bbed943468ca2c5dc91723608f sha256:6dae"
	  "967204002edf83a83f2eb41e4f9bdda467ef385e17704550874ec5ec695b] BaseLayer:}" },
	{ "app", "a  {{- /* c */ -}}  b",
	  "ab" },
	{ "app", "{{/* only */}}",
	  "" },
	{ "app", "x {{- .Os}}",
	  "xlinux" },
	{ "app", "{{.Os -}} y",
	  "linuxy" },
	{ "app", "{{if eq .Os \"windows\"}}w{{else if eq .Os \"linux\"}}l{{else}}o{{end}}",
	  "l" },
	{ "app", "{{if .Config.Healthcheck}}{{.Config.Healthcheck.Retries}}{{else if .Config.Labels}}label"
	  "s{{end}}",
	  "labels" },
	{ "app", "{{with .Config.Healthcheck}}{{.Test}}{{else}}none{{end}}",
	  "none" },
	{ "app", "{{range $i, $l := .RootFS.Layers}}{{if $i}},{{end}}{{$i}}{{end}}",
	  "0,1,2" },
	{ "app", "{{range .RootFS.Layers}}{{$.Os}}:{{len .}} {{end}}",
	  "linux:71 linux:71 linux:71 " },
	{ "app", "{{$n := 0}}{{range .RepoTags}}{{$n = 1}}{{end}}{{$n}}",
	  "1" },
	{ "app", "{{$x := \"a\"}}{{if true}}{{$x := \"b\"}}{{$x}}{{end}}{{$x}}",
	  "ba" },
	{ "app", "{{and .Os .Architecture}}",
	  "amd64" },
	{ "app", "{{or \"\" .Config.User .Os}}",
	  "linux" },
	{ "app", "{{or .Config.StopTimeout \"none\"}}",
	  "none" },
	{ "app", "{{not \"\"}}",
	  "true" },
	{ "app", "{{ne .Os \"linux\"}}",
	  "false" },
	{ "app", "{{printf \"%-8s|%8s|%.3s|%5d|%-5d|%05d|%x|%X|%o|%q|%t|%v\" .Os .Os .Os 42 42 42 255 255 "
	  "8 .Os true .RepoTags}}",
	  "linux   |   linux|lin|   42|42   |00042|ff|FF|10|\"linux\"|true|[127.0.0.1:26019/demo/ap"
	  "p:1 demo/app:1]" },
	{ "app", "{{printf \"%v|%s\" .Config.ExposedPorts .Metadata.LastTagTime}}",
	  "map[8080/tcp:{}]|2026-11-23 19:43:41.118506754 +0000 UTC" },
	{ "app", "{{printf \"%+v\" .Config.Healthcheck}}",
	  "<nil>" },
	{ "app", "{{printf \"%T %T %T %T %T\" .Config.ExposedPorts .Config.Volumes .Config.Healthcheck 1.5"
	  " 'x'}}",
	  "nat.PortSet map[string]struct {} *container.HealthConfig float64 int" },
	{ "app", "{{printf \"%6.2f|%g|%v|%e\" 2.5 2.5 100000000.0 0.5}}",
	  "  2.50|2.5|1e+08|5.000000e-01" },
	{ "app", "{{print 1 2 \"a\" \"b\" 3 .Os 4}}",
	  "1 2ab3linux4" },
	{ "app", "{{println \"a\" 1 .RepoTags}}",
	  "a 1 [127.0.0.1:26019/demo/app:1 demo/app:1]\n" },
	{ "app", "{{len (split .Id \":\")}}",
	  "2" },
	{ "app", "{{index (split \"a/b/c\" \"/\") 2}}",
	  "c" },
	{ "app", "{{range split \"x,y\" \",\"}}<{{.}}>{{end}}",
	  "<x><y>" },
	{ "app", "{{range $k, $v := .Config.ExposedPorts}}{{$k.Port}}/{{$k.Proto}}={{$k.Int}} {{end}}",
	  "8080/tcp=8080 " },
	{ "app", "{{range $k, $v := .Config.Labels}}{{printf \"%q=%q \" $k $v}}{{end}}",
	  "\"maintainer\"=\"budu rig\" \"org.opencontainers.image.title\"=\"demo app\" " },
	{ "app", "{{json (index .Config.Labels \"org.example\")}}",
	  "\"\"" },
	{ "app", "{{json .Config.Labels.plain}}",
	  "null" },
	{ "app", "{{json .RepoTags}} {{json .Architecture}}",
	  "[\"127.0.0.1:26019/demo/app:1\",\"demo/app:1\"] \"amd64\"" },
	{ "app", "{{.Metadata.LastTagTime.Year}}",
	  "2026" },
	{ "app", "{{.Metadata.LastTagTime.IsZero}}",
	  "false" },
	{ "app", "{{.Id}} {{.Size.Int64}}",
	  "sha256:c0e6450d2e54a0098fa3e23fd17e1b3e7a0c87aa5d30066e327d777de57d481f 2506619" },
	{ "app", "{{.Id}} {{.Size.String}}",
	  "sha256:c0e6450d2e54a0098fa3e23fd17e1b3e7a0c87aa5d30066e327d777de57d481f 2506619" },
	{ "app", "{{slice .RepoTags 0 1}}",
	  "[127.0.0.1:26019/demo/app:1]" },
	{ "app", "{{slice .Id 0 12}}",
	  "sha256:c0e64" },
	{ "app", "{{html .Config.Labels}}",
	  "map[maintainer:budu rig org.opencontainers.image.title:demo app]" },
	{ "app", "{{js \"a'b<c>\"}}",
	  "a\\'b\\u003Cc\\u003E" },
	{ "app", "{{urlquery .Config.Labels.plain \"x y\"}}",
	  "%3Cno+value%3Ex+y" },
	{ "app", "{{.Os}}",
	  "linux" },
	{ "app", "{{ .Config.Env | len | printf \"%d vars\" }}",
	  "2 vars" },
	{ "app", "{{range .Config.Env}}{{if eq . \"A=1\"}}{{continue}}{{end}}{{.}};{{end}}",
	  "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin;APP_MODE=demo;" },
	{ "app", "{{range $e := .Config.Env}}{{$e}}{{break}}{{end}}",
	  "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" },
	{ "app", "{{index .Config.Volumes \"/data\"}}",
	  "{}" },
	{ "app", "{{index .Config.Volumes \"/nope\"}}",
	  "{}" },
	{ "app", "{{.Config.Volumes}}",
	  "map[]" },
	{ "app", "{{json .Config.StopTimeout}}",
	  "null" },
	{ "app", "{{lt \"a\" \"b\"}} {{le 2 2}} {{gt 2.5 1.5}} {{ge \"b\" \"a\"}}",
	  "true true true true" },
	{ "app", "{{eq true true}} {{eq .Config.Tty false}}",
	  "true true" },
	{ "app", "{{if not .Config.Entrypoint}}noep{{end}}",
	  "noep" },
	{ "app", "{{.Config.Entrypoint}} {{len .Config.Entrypoint}}",
	  "[] 0" },
	{ "app", "{{range .Config.Entrypoint}}e{{else}}noep{{end}}",
	  "noep" },
	{ "app", "{{upper \"abc\" | lower}}",
	  "abc" },
	{ "app", "{{title \"\303\251lan vital_x \303\274ber\"}}",
	  "\303\211lan Vital_x \303\234ber" },
	{ "app", "{{truncate \"h\303\251llo\" 2}}",
	  "h\303" },
	{ "app", "{{pad .Os 0 0}}|{{pad \"\" 1 1}}|",
	  "linux||" },
	{ "app", "{{index \"abc\" 1}}",
	  "98" },
	{ "app", "{{.Config.Labels | len}}",
	  "2" },
	{ "app", "{{with $v := index .Config.Labels \"plain\"}}{{$v}}{{end}}",
	  "" },
	{ "app", "{{range $i, $_ := .RootFS.Layers}}{{$i}}{{end}}",
	  "012" },
	{ "app", "{{printf \"%5t|%-7v|\" true .Os}}",
	  " true|linux  |" },
	{ "app", "{{printf \"%s\" .Config.Labels}}",
	  "map[maintainer:budu rig org.opencontainers.image.title:demo app]" },
	{ "app", "{{printf \"%d\" .Config.Cmd}}",
	  "[%!d(string=/bin/cat) %!d(string=/srv/hello.txt)]" },
	{ "app", "{{printf \"%d\" .RootFS}}",
	  "{%!d(string=layers) [%!d(string=sha256:021d7eae101e4f2e6b57fed2b985e2675069c6b5ff2ac5ca7"
	  "ef54332e7443106) %!d(string=sha256:f9b3fc089df43572b66473fb293a4289c17826bbed943468ca2c5"
	  "dc91723608f) %!d(string=sha256:6dae967204002edf83a83f2eb41e4f9bdda467ef385e17704550874ec"
	  "5ec695b)] %!d(string=)}" },
	{ "app", "{{printf \"%x\" .Os}}",
	  "6c696e7578" },
	{ "app", "{{printf \"%c|%U\" 65 9731}}",
	  "A|U+2603" },
	{ "app", "{{printf \"%08.3f|%+d|% d\" 3.14159 5 5}}",
	  "0003.142|+5| 5" },
	{ "base", "{{.Os}}",
	  "linux" },
	{ "base", "{{.Id}}",
	  "sha256:2739e880608485f1a8cb67506bd529dd67e8bc5fc762486b18aafd69226934dc" },
	{ "base", "{{.ID}}",
	  "sha256:2739e880608485f1a8cb67506bd529dd67e8bc5fc762486b18aafd69226934dc" },
	{ "base", "{{.RepoTags}}",
	  "[demo/multi:1 bb:1.0 bb:latest bb:stable]" },
	{ "base", "{{.RepoDigests}}",
	  "[]" },
	{ "base", "{{.Config.Cmd}}",
	  "[/bin/sh]" },
	{ "base", "{{ .Config.Cmd }}",
	  "[/bin/sh]" },
	{ "base", "{{.Config.Env}}",
	  "[]" },
	{ "base", "{{.Config.Labels}}",
	  "map[]" },
	{ "base", "{{.Config.ExposedPorts}}",
	  "map[]" },
	{ "base", "{{.Config.Volumes}}",
	  "map[]" },
	{ "base", "{{.Config.Healthcheck}}",
	  "<nil>" },
	{ "base", "{{.Config.Entrypoint}}",
	  "[]" },
	{ "base", "{{.Config.OnBuild}}",
	  "[]" },
	{ "base", "{{.Config.StopTimeout}}",
	  "<nil>" },
	{ "base", "{{.Config.Shell}}",
	  "[]" },
	{ "base", "{{.RootFS}}",
	  "{layers [sha256:021d7eae101e4f2e6b57fed2b985e2675069c6b5ff2ac5ca7ef54332e7443106] }" },
	{ "base", "{{.RootFS.Layers}}",
	  "[sha256:021d7eae101e4f2e6b57fed2b985e2675069c6b5ff2ac5ca7ef54332e7443106]" },
	{ "base", "{{.GraphDriver}}",
	  "{map[] vfs}" },
	{ "base", "{{.GraphDriver.Data}}",
	  "map[]" },
	{ "base", "{{.Metadata}}",
	  "{2026-11-23 19:43:35.120544628 +0000 UTC}" },
	{ "base", "{{.Metadata.LastTagTime}}",
	  "2026-11-23 19:43:35.120544628 +0000 UTC" },
	{ "base", "{{.Size}}",
	  "1982296" },
	{ "base", "{{.VirtualSize}}",
	  "1982296" },
	{ "base", "{{.Created}}",
	  "2026-11-23T19:43:34.966499704Z" },
	{ "base", "{{.Config}}",
	  "{   false false false map[] false false false [] [/bin/sh] <nil> false  map[]  [] false "
	  " [] map[]  <nil> []}" },
	{ "base", "{{.ContainerConfig}}",
	  "{   false false false map[] false false false [] [] <nil> false  map[]  [] false  [] map"
	  "[]  <nil> []}" },
	{ "base", "{{json .Config.Labels}}",
	  "null" },
	{ "base", "{{json .}}",
	  "{\"Id\":\"sha256:2739e880608485f1a8cb67506bd529dd67e8bc5fc762486b18aafd69226934dc\",\"Re"
	  "poTags\":[\"demo/multi:1\",\"bb:1.0\",\"bb:latest\",\"bb:stable\"],\"RepoDigests\":[],\""
	  "Parent\":\"\",\"Comment\":\"budu rig: busybox-static rootfs\",\"Created\":\"2026-11-23T1"
	  "9:43:34.966499704Z\",\"Container\":\"\",\"ContainerConfig\":{\"Hostname\":\"\",\"Domainn"
	  "ame\":\"\",\"User\":\"\",\"AttachStdin\":false,\"AttachStdout\":false,\"AttachStderr\":f"
	  "alse,\"Tty\":false,\"OpenStdin\":false,\"StdinOnce\":false,\"Env\":null,\"Cmd\":null,\"I"
	  "mage\":\"\",\"Volumes\":null,\"WorkingDir\":\"\",\"Entrypoint\":null,\"OnBuild\":null,\""
	  "Labels\":null},\"DockerVersion\":\"20.10.24+dfsg1\",\"Author\":\"\",\"Config\":{\"Hostna"
	  "me\":\"\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\":false,\"AttachStdout\":false"
	  ",\"AttachStderr\":false,\"Tty\":false,\"OpenStdin\":false,\"StdinOnce\":false,\"Env\":nu"
	  "ll,\"Cmd\":[\"/bin/sh\"],\"Image\":\"\",\"Volumes\":null,\"WorkingDir\":\"\",\"Entrypoin"
	  "t\":null,\"OnBuild\":null,\"Labels\":null},\"Architecture\":\"amd64\",\"Os\":\"linux\",\""
	  "Size\":1982296,\"VirtualSize\":1982296,\"GraphDriver\":{\"Data\":null,\"Name\":\"vfs\"},"
	  "\"RootFS\":{\"Type\":\"layers\",\"Layers\":[\"sha256:021d7eae101e4f2e6b57fed2b985e267506"
	  "9c6b5ff2ac5ca7ef54332e7443106\"]},\"Metadata\":{\"LastTagTime\":\"2026-11-23T19:43:35.12"
	  "0544628Z\"}}" },
	{ "base", "{{json .Config}}",
	  "{\"Hostname\":\"\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\":false,\"AttachStdou"
	  "t\":false,\"AttachStderr\":false,\"Tty\":false,\"OpenStdin\":false,\"StdinOnce\":false,\""
	  "Env\":null,\"Cmd\":[\"/bin/sh\"],\"Image\":\"\",\"Volumes\":null,\"WorkingDir\":\"\",\"E"
	  "ntrypoint\":null,\"OnBuild\":null,\"Labels\":null}" },
	{ "base", "{{json .Config.Cmd}}",
	  "[\"/bin/sh\"]" },
	{ "base", "{{json .Config.Volumes}}",
	  "null" },
	{ "base", "{{json .Config.Env}}",
	  "null" },
	{ "base", "{{json .RootFS}}",
	  "{\"Type\":\"layers\",\"Layers\":[\"sha256:021d7eae101e4f2e6b57fed2b985e2675069c6b5ff2ac5"
	  "ca7ef54332e7443106\"]}" },
	{ "base", "{{json .Metadata}}",
	  "{\"LastTagTime\":\"2026-11-23T19:43:35.120544628Z\"}" },
	{ "base", "{{json .GraphDriver}}",
	  "{\"Data\":null,\"Name\":\"vfs\"}" },
	{ "base", "{{json .Size}}",
	  "1982296" },
	{ "base", "{{json .Config.Healthcheck}}",
	  "null" },
	{ "base", "{{json .Os}}",
	  "\"linux\"" },
	{ "base", "{{index .RepoTags 0}}",
	  "demo/multi:1" },
	{ "base", "{{index .Config.Labels \"org.example\"}}",
	  "" },
	{ "base", "{{index .Config.Labels \"nope\"}}",
	  "" },
	{ "base", "{{.Config.Labels.nope}}",
	  "<no value>" },
	{ "base", "id={{.Id}} os={{.Os}}",
	  "id=sha256:2739e880608485f1a8cb67506bd529dd67e8bc5fc762486b18aafd69226934dc os=linux" },
	{ "base", "{{.ID}} {{.Config.Volumes}}",
	  "sha256:2739e880608485f1a8cb67506bd529dd67e8bc5fc762486b18aafd69226934dc map[]" },
	{ "base", "{{.Id}} {{.Config.Volumes}}",
	  "sha256:2739e880608485f1a8cb67506bd529dd67e8bc5fc762486b18aafd69226934dc <no value>" },
	{ "base", "{{.Id}} {{.Config}}",
	  "sha256:2739e880608485f1a8cb67506bd529dd67e8bc5fc762486b18aafd69226934dc map[AttachStderr"
	  ":false AttachStdin:false AttachStdout:false Cmd:[/bin/sh] Domainname: Entrypoint:<nil> E"
	  "nv:<nil> Hostname: Image: Labels:<nil> OnBuild:<nil> OpenStdin:false StdinOnce:false Tty"
	  ":false User: Volumes:<nil> WorkingDir:]" },
	{ "base", "{{.Id}} {{json .Config}}",
	  "sha256:2739e880608485f1a8cb67506bd529dd67e8bc5fc762486b18aafd69226934dc {\"AttachStderr\""
	  ":false,\"AttachStdin\":false,\"AttachStdout\":false,\"Cmd\":[\"/bin/sh\"],\"Domainname\""
	  ":\"\",\"Entrypoint\":null,\"Env\":null,\"Hostname\":\"\",\"Image\":\"\",\"Labels\":null,"
	  "\"OnBuild\":null,\"OpenStdin\":false,\"StdinOnce\":false,\"Tty\":false,\"User\":\"\",\"V"
	  "olumes\":null,\"WorkingDir\":\"\"}" },
	{ "base", "{{.Id}} {{.Size}} {{.RootFS}}",
	  "sha256:2739e880608485f1a8cb67506bd529dd67e8bc5fc762486b18aafd69226934dc 1982296 map[Laye"
	  "rs:[sha256:021d7eae101e4f2e6b57fed2b985e2675069c6b5ff2ac5ca7ef54332e7443106] Type:layers"
	  "]" },
	{ "base", "{{len .RepoTags}}",
	  "4" },
	{ "base", "{{len .Config.Labels}}",
	  "0" },
	{ "base", "{{len .Config.Volumes}}",
	  "0" },
	{ "base", "{{upper .Os}}",
	  "LINUX" },
	{ "base", "{{lower .Architecture}}",
	  "amd64" },
	{ "base", "{{title .Os}}",
	  "Linux" },
	{ "base", "{{join .Config.Cmd \" \"}}",
	  "/bin/sh" },
	{ "base", "{{join .Config.Env \",\"}}",
	  "" },
	{ "base", "{{split .Id \":\"}}",
	  "[sha256 2739e880608485f1a8cb67506bd529dd67e8bc5fc762486b18aafd69226934dc]" },
	{ "base", "{{index (split .Id \":\") 1}}",
	  "2739e880608485f1a8cb67506bd529dd67e8bc5fc762486b18aafd69226934dc" },
	{ "base", "{{println .Os}}",
	  "linux\n" },
	{ "base", "{{println .Os .Architecture}}",
	  "linux amd64\n" },
	{ "base", "{{print .Os .Size}}",
	  "linux1982296" },
	{ "base", "{{printf \"%s-%d\" .Os .Size}}",
	  "linux-1982296" },
	{ "base", "{{range .RepoTags}}[{{.}}]{{end}}",
	  "[demo/multi:1][bb:1.0][bb:latest][bb:stable]" },
	{ "base", "{{range $k, $v := .Config.Labels}}{{$k}}={{$v}};{{end}}",
	  "" },
	{ "base", "{{range .Config.Env}}{{println .}}{{end}}",
	  "" },
	{ "base", "{{if .Config.Labels}}has{{else}}none{{end}}",
	  "none" },
	{ "base", "{{with .Config.Healthcheck}}{{.Test}} {{.Interval}} {{.Retries}}{{end}}",
	  "" },
	{ "base", "{{truncate .Id 12}}",
	  "sha256:2739e" },
	{ "base", "{{pad .Os 2 3}}|",
	  "  linux   |" },
	{ "base", "{{.Config.User}}",
	  "" },
	{ "base", "{{.Config.StopSignal}}",
	  "" },
	{ "base", "{{.Config.ArgsEscaped}}",
	  "false" },
	{ "base", "{{.Config.Tty}}",
	  "false" },
	{ "base", "{{.Variant}}",
	  "" },
	{ "base", "{{.OsVersion}}",
	  "" },
	{ "base", "{{.Parent}}",
	  "" },
	{ "base", "{{.Comment}}",
	  "budu rig: busybox-static rootfs" },
	{ "base", "{{.Config.Labels.maintainer}}",
	  "<no value>" },
	{ "base", "{{ .Os -}}   x",
	  "linuxx" },
	{ "base", "{{.Os}}{{/* c */}}!",
	  "linux!" },
	{ "base", "{{eq .Os \"linux\"}}",
	  "true" },
	{ "base", "{{index .Config.Labels}}",
	  "map[]" },
	{ "base", "{{json .Id}}",
	  "\"sha256:2739e880608485f1a8cb67506bd529dd67e8bc5fc762486b18aafd69226934dc\"" },
	{ "base", "{{.RootFS.BaseLayer}}",
	  "" },
	{ "base", "{{.Config.Hostname}}",
	  "" },
	{ "base", "{{.Config.Image}}",
	  "" },
	{ "base", "{{.ContainerConfig.Cmd}}",
	  "[]" },
	{ "base", "{{.Config.Labels.org.example}}",
	  "<no value>" },
	{ "base", "{{index .Config.Labels \"quote\\\"d\"}}",
	  "" },
	{ "base", "{{json .Config.ExposedPorts}}",
	  "null" },
	{ "base", "{{.Id}} {{.Config.Labels}}",
	  "sha256:2739e880608485f1a8cb67506bd529dd67e8bc5fc762486b18aafd69226934dc <no value>" },
	{ "base", "{{.Id}} {{index .RepoTags 0}}",
	  "sha256:2739e880608485f1a8cb67506bd529dd67e8bc5fc762486b18aafd69226934dc demo/multi:1" },
	{ "base", "{{.Id}} {{.Metadata}}",
	  "sha256:2739e880608485f1a8cb67506bd529dd67e8bc5fc762486b18aafd69226934dc map[LastTagTime:"
	  "2026-11-23T19:43:35.120544628Z]" },
	{ "base", "{{.Id}} {{json .Metadata}}",
	  "sha256:2739e880608485f1a8cb67506bd529dd67e8bc5fc762486b18aafd69226934dc {\"LastTagTime\""
	  ":\"2026-11-23T19:43:35.120544628Z\"}" },
	{ "base", "{{.Id}} {{upper .Os}}",
	  "sha256:2739e880608485f1a8cb67506bd529dd67e8bc5fc762486b18aafd69226934dc LINUX" },
	{ "base", "{{.Id}} {{len .Id}}",
	  "sha256:2739e880608485f1a8cb67506bd529dd67e8bc5fc762486b18aafd69226934dc 71" },
	{ "base", "{{.Id}} {{json .}}",
	  "sha256:2739e880608485f1a8cb67506bd529dd67e8bc5fc762486b18aafd69226934dc {\"Architecture\""
	  ":\"amd64\",\"Author\":\"\",\"Comment\":\"budu rig: busybox-static rootfs\",\"Config\":{\""
	  "AttachStderr\":false,\"AttachStdin\":false,\"AttachStdout\":false,\"Cmd\":[\"/bin/sh\"],"
	  "\"Domainname\":\"\",\"Entrypoint\":null,\"Env\":null,\"Hostname\":\"\",\"Image\":\"\",\""
	  "Labels\":null,\"OnBuild\":null,\"OpenStdin\":false,\"StdinOnce\":false,\"Tty\":false,\"U"
	  "ser\":\"\",\"Volumes\":null,\"WorkingDir\":\"\"},\"Container\":\"\",\"ContainerConfig\":"
	  "{\"AttachStderr\":false,\"AttachStdin\":false,\"AttachStdout\":false,\"Cmd\":null,\"Doma"
	  "inname\":\"\",\"Entrypoint\":null,\"Env\":null,\"Hostname\":\"\",\"Image\":\"\",\"Labels"
	  "\":null,\"OnBuild\":null,\"OpenStdin\":false,\"StdinOnce\":false,\"Tty\":false,\"User\":"
	  "\"\",\"Volumes\":null,\"WorkingDir\":\"\"},\"Created\":\"2026-11-23T19:43:34.966499704Z\""
	  ",\"DockerVersion\":\"20.10.24+dfsg1\",\"GraphDriver\":{\"Data\":null,\"Name\":\"vfs\"},\""
	  "Id\":\"sha256:2739e880608485f1a8cb67506bd529dd67e8bc5fc762486b18aafd69226934dc\",\"Metad"
	  "ata\":{\"LastTagTime\":\"2026-11-23T19:43:35.120544628Z\"},\"Os\":\"linux\",\"Parent\":\""
	  "\",\"RepoDigests\":[],\"RepoTags\":[\"demo/multi:1\",\"bb:1.0\",\"bb:latest\",\"bb:stabl"
	  "e\"],\"RootFS\":{\"Layers\":[\"sha256:021d7eae101e4f2e6b57fed2b985e2675069c6b5ff2ac5ca7e"
	  "f54332e7443106\"],\"Type\":\"layers\"},\"Size\":1982296,\"VirtualSize\":1982296}" },
	{ "base", "{{print .Config.Healthcheck}}",
	  "<nil>" },
	{ "base", "{{print .Config.Labels}}",
	  "map[]" },
	{ "base", "{{print .Os .Size .Os \"x\" 1 2}}",
	  "linux1982296linuxx1 2" },
	{ "base", "{{println}}",
	  "\n" },
	{ "base", "{{printf \"%v|%q|%5s|%-5s|%x\" .Os .Os .Os .Os .Os}}",
	  "linux|\"linux\"|linux|linux|6c696e7578" },
	{ "base", "{{printf \"%d\" .Os}}",
	  "%!d(string=linux)" },
	{ "base", "{{printf \"%s\"}}",
	  "%!s(MISSING)" },
	{ "base", "{{printf \"%s\" .Os .Os}}",
	  "linux%!(EXTRA string=linux)" },
	{ "base", "{{printf \"%v\" .Config.Cmd}}",
	  "[/bin/sh]" },
	{ "base", "{{printf \"%q\" .Config.Cmd}}",
	  "[\"/bin/sh\"]" },
	{ "base", "{{range $i, $e := .RepoTags}}{{$i}}:{{$e}} {{end}}",
	  "0:demo/multi:1 1:bb:1.0 2:bb:latest 3:bb:stable " },
	{ "base", "{{range .Config.Labels}}{{.}},{{end}}",
	  "" },
	{ "base", "{{range .Config.ExposedPorts}}{{.}},{{end}}",
	  "" },
	{ "base", "{{range $p, $_ := .Config.ExposedPorts}}{{$p}},{{end}}",
	  "" },
	{ "base", "{{range .RepoDigests}}x{{else}}empty{{end}}",
	  "empty" },
	{ "base", "{{if eq .Os \"linux\" \"windows\"}}yes{{end}}",
	  "yes" },
	{ "base", "{{if and .Config.Labels .Config.Env}}both{{else}}no{{end}}",
	  "no" },
	{ "base", "{{or .Config.User \"root\"}}",
	  "root" },
	{ "base", "{{and 1 0 2}}",
	  "0" },
	{ "base", "{{not .Config.Labels}}",
	  "true" },
	{ "base", "{{len .Config.Cmd}}",
	  "1" },
	{ "base", "{{len .Config.Env}}",
	  "0" },
	{ "base", "{{.Config.Env | len}}",
	  "0" },
	{ "base", "{{.Os | upper | printf \"%s!\"}}",
	  "LINUX!" },
	{ "base", "{{$x := .Os}}{{$x}}",
	  "linux" },
	{ "base", "{{$x := .Os}}{{$x = \"b\"}}{{$x}}",
	  "b" },
	{ "base", "{{with $c := .Config}}{{$c.User}}{{end}}",
	  "" },
	{ "base", "{{$.Os}}",
	  "linux" },
	{ "base", "{{range .RepoTags}}{{$.Os}}{{end}}",
	  "linuxlinuxlinuxlinux" },
	{ "base", "{{json .Config.Labels.nope}}",
	  "null" },
	{ "base", "{{json (index .Config.Labels \"nope\")}}",
	  "\"\"" },
	{ "base", "{{index .Config.Labels \"nope\" | len}}",
	  "0" },
	{ "base", "{{(index .RootFS.Layers 0)}}",
	  "sha256:021d7eae101e4f2e6b57fed2b985e2675069c6b5ff2ac5ca7ef54332e7443106" },
	{ "base", "{{lt .Size 100}}",
	  "false" },
	{ "base", "{{gt .Size 100}}",
	  "true" },
	{ "base", "{{eq .Size 1982296}}",
	  "true" },
	{ "base", "{{.Id}} {{range .RepoTags}}{{.}},{{end}}",
	  "sha256:2739e880608485f1a8cb67506bd529dd67e8bc5fc762486b18aafd69226934dc demo/multi:1,bb:"
	  "1.0,bb:latest,bb:stable," },
	{ "base", "{{.Id}} {{range $k, $v := .Config.Labels}}{{$k}}={{$v}};{{end}}",
	  "sha256:2739e880608485f1a8cb67506bd529dd67e8bc5fc762486b18aafd69226934dc " },
	{ "base", "{{.Id}} {{printf \"%v %d %s\" .Size .Size .Size}}",
	  "sha256:2739e880608485f1a8cb67506bd529dd67e8bc5fc762486b18aafd69226934dc 1982296 %!d(json"
	  ".Number=1982296) 1982296" },
	{ "base", "{{.Id}} {{len .Size}}",
	  "sha256:2739e880608485f1a8cb67506bd529dd67e8bc5fc762486b18aafd69226934dc 7" },
	{ "base", "{{.Id}} {{.Size | printf \"%T\"}}",
	  "sha256:2739e880608485f1a8cb67506bd529dd67e8bc5fc762486b18aafd69226934dc json.Number" },
	{ "base", "{{printf \"%T %T %T %T\" .Size .Config .Config.Cmd .Metadata}}",
	  "int64 *container.Config strslice.StrSlice types.ImageMetadata" },
	{ "base", "{{index . \"Os\"}}",
	  "linux" },
	{ "base", "{{index .Config \"Cmd\"}}",
	  "[/bin/sh]" },
	{ "base", "{{title \"hello wORLD foo-bar_baz 1a\"}}",
	  "Hello WORLD Foo-Bar_baz 1a" },
	{ "base", "{{split \"a,b,,c\" \",\"}}",
	  "[a b  c]" },
	{ "base", "{{split \"\" \",\"}}",
	  "[]" },
	{ "base", "{{split \"abc\" \"\"}}",
	  "[a b c]" },
	{ "base", "{{join (split \"a b c\" \" \") \"-\"}}",
	  "a-b-c" },
	{ "base", "{{pad \"\" 2 2}}|",
	  "|" },
	{ "base", "{{upper \"h\303\251llo \303\237\"}}",
	  "H\303\211LLO \303\237" },
	{ "base", "{{\"a\\tb\\x41\\u00e9\"}}",
	  "a\tbA\303\251" },
	{ "base", "{{`raw\\n`}}",
	  "raw\\n" },
	{ "base", "{{'a'}}",
	  "97" },
	{ "base", "{{1.5}}",
	  "1.5" },
	{ "base", "{{0x1F}}",
	  "31" },
	{ "base", "{{-3}}",
	  "-3" },
	{ "base", "{{true}}",
	  "true" },
	{ "base", "{{printf \"%5.2f|%e|%g\" 3.14159 1234.5 0.000001}}",
	  " 3.14|1.234500e+03|1e-06" },
	{ "base", "{{json .RepoDigests}}",
	  "[]" },
	{ "base", "{{json .Config.Entrypoint}}",
	  "null" },
	{ "base", "{{if .Config.Healthcheck}}hc{{else}}nohc{{end}}",
	  "nohc" },
	{ "base", "{{with .Config.Healthcheck}}{{.Retries}}{{else}}none{{end}}",
	  "none" },
	{ "base", "{{range .RepoTags}}{{if eq . \"bb:1.0\"}}{{break}}{{end}}{{.}};{{end}}",
	  "demo/multi:1;" },
	{ "base", "{{range .RepoTags}}{{if eq . \"bb:1.0\"}}{{continue}}{{end}}{{.}};{{end}}",
	  "demo/multi:1;bb:latest;bb:stable;" },
	{ "base", "{{- .Os -}}",
	  "linux" },
	{ "base", "  {{- .Os}}  ",
	  "linux  " },
	{ "base", "{{.Os}}{{if 1}}{{else if 2}}{{end}}",
	  "linux" },
	{ "base", "{{(.Os)}}",
	  "linux" },
	{ "base", "{{html \"<a>\"}}",
	  "&lt;a&gt;" },
	{ "base", "{{urlquery \"a b\"}}",
	  "a+b" },
	{ "base", "{{slice .Os 1 3}}",
	  "in" },
	{ "base", "{{range $i, $e := .Config.Labels}}{{$i}}{{end}}",
	  "" },
	{ "base", "{{.Metadata.LastTagTime.Unix}}",
	  "1795463015" },
	{ "base", "{{.Config.Labels.x.y}}",
	  "<no value>" },
	{ "base", "{{eq .Config.Labels.nope \"x\"}}",
	  "false" },
	{ "base", "{{.Config.Volumes}} {{.Config.Entrypoint}} {{.Config.OnBuild}} {{.Config.Env}}",
	  "map[] [] [] []" },
	{ "base", "{{.ContainerConfig.Healthcheck}}",
	  "<nil>" },
	{ "base", "{{.Config.StopTimeout}}",
	  "<nil>" },
	{ "base", "{{printf \"%v\" .Config}}",
	  "&{   false false false map[] false false false [] [/bin/sh] <nil> false  map[]  [] false"
	  "  [] map[]  <nil> []}" },
	{ "base", "{{printf \"%v\" .RootFS}}",
	  "{layers [sha256:021d7eae101e4f2e6b57fed2b985e2675069c6b5ff2ac5ca7ef54332e7443106] }" },
	{ "base", "{{printf \"%+v\" .RootFS}}",
	  "{Type:layers Layers:[sha256:021d7eae101e4f2e6b57fed2b985e2675069c6b5ff2ac5ca7ef54332e744"
	  "3106] BaseLayer:}" },
	{ "base", "a  {{- /* c */ -}}  b",
	  "ab" },
	{ "base", "{{/* only */}}",
	  "" },
	{ "base", "x {{- .Os}}",
	  "xlinux" },
	{ "base", "{{.Os -}} y",
	  "linuxy" },
	{ "base", "{{if eq .Os \"windows\"}}w{{else if eq .Os \"linux\"}}l{{else}}o{{end}}",
	  "l" },
	{ "base", "{{if .Config.Healthcheck}}{{.Config.Healthcheck.Retries}}{{else if .Config.Labels}}label"
	  "s{{end}}",
	  "" },
	{ "base", "{{with .Config.Healthcheck}}{{.Test}}{{else}}none{{end}}",
	  "none" },
	{ "base", "{{range $i, $l := .RootFS.Layers}}{{if $i}},{{end}}{{$i}}{{end}}",
	  "0" },
	{ "base", "{{range .RootFS.Layers}}{{$.Os}}:{{len .}} {{end}}",
	  "linux:71 " },
	{ "base", "{{$n := 0}}{{range .RepoTags}}{{$n = 1}}{{end}}{{$n}}",
	  "1" },
	{ "base", "{{$x := \"a\"}}{{if true}}{{$x := \"b\"}}{{$x}}{{end}}{{$x}}",
	  "ba" },
	{ "base", "{{and .Os .Architecture}}",
	  "amd64" },
	{ "base", "{{or \"\" .Config.User .Os}}",
	  "linux" },
	{ "base", "{{or .Config.StopTimeout \"none\"}}",
	  "none" },
	{ "base", "{{not \"\"}}",
	  "true" },
	{ "base", "{{ne .Os \"linux\"}}",
	  "false" },
	{ "base", "{{printf \"%-8s|%8s|%.3s|%5d|%-5d|%05d|%x|%X|%o|%q|%t|%v\" .Os .Os .Os 42 42 42 255 255 "
	  "8 .Os true .RepoTags}}",
	  "linux   |   linux|lin|   42|42   |00042|ff|FF|10|\"linux\"|true|[demo/multi:1 bb:1.0 bb:"
	  "latest bb:stable]" },
	{ "base", "{{printf \"%v|%s\" .Config.ExposedPorts .Metadata.LastTagTime}}",
	  "map[]|2026-11-23 19:43:35.120544628 +0000 UTC" },
	{ "base", "{{printf \"%+v\" .Config.Healthcheck}}",
	  "<nil>" },
	{ "base", "{{printf \"%T %T %T %T %T\" .Config.ExposedPorts .Config.Volumes .Config.Healthcheck 1.5"
	  " 'x'}}",
	  "nat.PortSet map[string]struct {} *container.HealthConfig float64 int" },
	{ "base", "{{printf \"%6.2f|%g|%v|%e\" 2.5 2.5 100000000.0 0.5}}",
	  "  2.50|2.5|1e+08|5.000000e-01" },
	{ "base", "{{print 1 2 \"a\" \"b\" 3 .Os 4}}",
	  "1 2ab3linux4" },
	{ "base", "{{println \"a\" 1 .RepoTags}}",
	  "a 1 [demo/multi:1 bb:1.0 bb:latest bb:stable]\n" },
	{ "base", "{{len (split .Id \":\")}}",
	  "2" },
	{ "base", "{{index (split \"a/b/c\" \"/\") 2}}",
	  "c" },
	{ "base", "{{range split \"x,y\" \",\"}}<{{.}}>{{end}}",
	  "<x><y>" },
	{ "base", "{{range $k, $v := .Config.ExposedPorts}}{{$k.Port}}/{{$k.Proto}}={{$k.Int}} {{end}}",
	  "" },
	{ "base", "{{range $k, $v := .Config.Labels}}{{printf \"%q=%q \" $k $v}}{{end}}",
	  "" },
	{ "base", "{{json (index .Config.Labels \"org.example\")}}",
	  "\"\"" },
	{ "base", "{{json .Config.Labels.plain}}",
	  "null" },
	{ "base", "{{json .RepoTags}} {{json .Architecture}}",
	  "[\"demo/multi:1\",\"bb:1.0\",\"bb:latest\",\"bb:stable\"] \"amd64\"" },
	{ "base", "{{.Metadata.LastTagTime.Year}}",
	  "2026" },
	{ "base", "{{.Metadata.LastTagTime.IsZero}}",
	  "false" },
	{ "base", "{{.Id}} {{.Size.Int64}}",
	  "sha256:2739e880608485f1a8cb67506bd529dd67e8bc5fc762486b18aafd69226934dc 1982296" },
	{ "base", "{{.Id}} {{.Size.String}}",
	  "sha256:2739e880608485f1a8cb67506bd529dd67e8bc5fc762486b18aafd69226934dc 1982296" },
	{ "base", "{{slice .RepoTags 0 1}}",
	  "[demo/multi:1]" },
	{ "base", "{{slice .Id 0 12}}",
	  "sha256:2739e" },
	{ "base", "{{html .Config.Labels}}",
	  "map[]" },
	{ "base", "{{js \"a'b<c>\"}}",
	  "a\\'b\\u003Cc\\u003E" },
	{ "base", "{{urlquery .Config.Labels.plain \"x y\"}}",
	  "%3Cno+value%3Ex+y" },
	{ "base", "{{.Os}}",
	  "linux" },
	{ "base", "{{ .Config.Env | len | printf \"%d vars\" }}",
	  "0 vars" },
	{ "base", "{{range .Config.Env}}{{if eq . \"A=1\"}}{{continue}}{{end}}{{.}};{{end}}",
	  "" },
	{ "base", "{{range $e := .Config.Env}}{{$e}}{{break}}{{end}}",
	  "" },
	{ "base", "{{index .Config.Volumes \"/data\"}}",
	  "{}" },
	{ "base", "{{index .Config.Volumes \"/nope\"}}",
	  "{}" },
	{ "base", "{{.Config.Volumes}}",
	  "map[]" },
	{ "base", "{{json .Config.StopTimeout}}",
	  "null" },
	{ "base", "{{lt \"a\" \"b\"}} {{le 2 2}} {{gt 2.5 1.5}} {{ge \"b\" \"a\"}}",
	  "true true true true" },
	{ "base", "{{eq true true}} {{eq .Config.Tty false}}",
	  "true true" },
	{ "base", "{{eq .Config.Labels .Config.Labels}}",
	  "true" },
	{ "base", "{{if not .Config.Entrypoint}}noep{{end}}",
	  "noep" },
	{ "base", "{{.Config.Entrypoint}} {{len .Config.Entrypoint}}",
	  "[] 0" },
	{ "base", "{{range .Config.Entrypoint}}e{{else}}noep{{end}}",
	  "noep" },
	{ "base", "{{upper \"abc\" | lower}}",
	  "abc" },
	{ "base", "{{title \"\303\251lan vital_x \303\274ber\"}}",
	  "\303\211lan Vital_x \303\234ber" },
	{ "base", "{{truncate \"h\303\251llo\" 2}}",
	  "h\303" },
	{ "base", "{{pad .Os 0 0}}|{{pad \"\" 1 1}}|",
	  "linux||" },
	{ "base", "{{index \"abc\" 1}}",
	  "98" },
	{ "base", "{{.Config.Labels | len}}",
	  "0" },
	{ "base", "{{with $v := index .Config.Labels \"plain\"}}{{$v}}{{end}}",
	  "" },
	{ "base", "{{range $i, $_ := .RootFS.Layers}}{{$i}}{{end}}",
	  "0" },
	{ "base", "{{printf \"%5t|%-7v|\" true .Os}}",
	  " true|linux  |" },
	{ "base", "{{printf \"%s\" .Config.Labels}}",
	  "map[]" },
	{ "base", "{{printf \"%d\" .Config.Cmd}}",
	  "[%!d(string=/bin/sh)]" },
	{ "base", "{{printf \"%d\" .RootFS}}",
	  "{%!d(string=layers) [%!d(string=sha256:021d7eae101e4f2e6b57fed2b985e2675069c6b5ff2ac5ca7"
	  "ef54332e7443106)] %!d(string=)}" },
	{ "base", "{{printf \"%x\" .Os}}",
	  "6c696e7578" },
	{ "base", "{{printf \"%c|%U\" 65 9731}}",
	  "A|U+2603" },
	{ "base", "{{printf \"%08.3f|%+d|% d\" 3.14159 5 5}}",
	  "0003.142|+5| 5" },
	{ "base", "{{`raw\nmulti`}}",
	  "raw\nmulti" },
	{ "base", "{{\n.Os\n}}",
	  "linux" },
	{ "base", "a\n{{- .Os -}}\n\nb",
	  "alinuxb" },
	{ "base", "{{range .RepoTags}}\n  - {{.}}\n{{- end}}",
	  "\n  - demo/multi:1\n  - bb:1.0\n  - bb:latest\n  - bb:stable" },
	{ "base", "{{/* multi\nline */}}x",
	  "x" },
	{ "base", "{{range $k, $v := .Config.Labels}}{{$k}}={{$v}}\n{{end}}",
	  "" },
	{ "base", "{{with .Config.Healthcheck -}}\n  test: {{json .Test}}\n  every {{.Interval}}\n{{- end}}"
	  "",
	  "" },
	{ "evil", "{{.Os}}",
	  "linux" },
	{ "evil", "{{.Id}}",
	  "sha256:e35689ea55e206b392411f2208e98bce6f89e7e34757362515381aeafd486626" },
	{ "evil", "{{.ID}}",
	  "sha256:e35689ea55e206b392411f2208e98bce6f89e7e34757362515381aeafd486626" },
	{ "evil", "{{.RepoTags}}",
	  "[demo/evil:1]" },
	{ "evil", "{{.RepoDigests}}",
	  "[]" },
	{ "evil", "{{.Config.Cmd}}",
	  "[]" },
	{ "evil", "{{ .Config.Cmd }}",
	  "[]" },
	{ "evil", "{{.Config.Env}}",
	  "[]" },
	{ "evil", "{{.Config.Labels}}",
	  "map[evil:\033]0;pwned\007\033[2J]" },
	{ "evil", "{{.Config.ExposedPorts}}",
	  "map[]" },
	{ "evil", "{{.Config.Volumes}}",
	  "map[]" },
	{ "evil", "{{.Config.Healthcheck}}",
	  "<nil>" },
	{ "evil", "{{.Config.Entrypoint}}",
	  "[]" },
	{ "evil", "{{.Config.OnBuild}}",
	  "[]" },
	{ "evil", "{{.Config.StopTimeout}}",
	  "<nil>" },
	{ "evil", "{{.Config.Shell}}",
	  "[]" },
	{ "evil", "{{.RootFS}}",
	  "{layers [sha256:021d7eae101e4f2e6b57fed2b985e2675069c6b5ff2ac5ca7ef54332e7443106] }" },
	{ "evil", "{{.RootFS.Layers}}",
	  "[sha256:021d7eae101e4f2e6b57fed2b985e2675069c6b5ff2ac5ca7ef54332e7443106]" },
	{ "evil", "{{.GraphDriver}}",
	  "{map[] vfs}" },
	{ "evil", "{{.GraphDriver.Data}}",
	  "map[]" },
	{ "evil", "{{.Metadata}}",
	  "{2026-11-23 19:43:44.016496892 +0000 UTC}" },
	{ "evil", "{{.Metadata.LastTagTime}}",
	  "2026-11-23 19:43:44.016496892 +0000 UTC" },
	{ "evil", "{{.Size}}",
	  "1982296" },
	{ "evil", "{{.VirtualSize}}",
	  "1982296" },
	{ "evil", "{{.Created}}",
	  "2026-11-23T19:43:44.01336222Z" },
	{ "evil", "{{.Config}}",
	  "{   false false false map[] false false false [] [] <nil> false  map[]  [] false  [] map"
	  "[evil:\033]0;pwned\007\033[2J]  <nil> []}" },
	{ "evil", "{{.ContainerConfig}}",
	  "{   false false false map[] false false false [] [] <nil> false  map[]  [] false  [] map"
	  "[]  <nil> []}" },
	{ "evil", "{{json .Config.Labels}}",
	  "{\"evil\":\"\\u001b]0;pwned\\u0007\\u001b[2J\"}" },
	{ "evil", "{{json .}}",
	  "{\"Id\":\"sha256:e35689ea55e206b392411f2208e98bce6f89e7e34757362515381aeafd486626\",\"Re"
	  "poTags\":[\"demo/evil:1\"],\"RepoDigests\":[],\"Parent\":\"\",\"Comment\":\"Imported fro"
	  "m -\",\"Created\":\"2026-11-23T19:43:44.01336222Z\",\"Container\":\"\",\"ContainerConfig"
	  "\":{\"Hostname\":\"\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\":false,\"AttachSt"
	  "dout\":false,\"AttachStderr\":false,\"Tty\":false,\"OpenStdin\":false,\"StdinOnce\":fals"
	  "e,\"Env\":null,\"Cmd\":null,\"Image\":\"\",\"Volumes\":null,\"WorkingDir\":\"\",\"Entryp"
	  "oint\":null,\"OnBuild\":null,\"Labels\":null},\"DockerVersion\":\"20.10.24+dfsg1\",\"Aut"
	  "hor\":\"\",\"Config\":{\"Hostname\":\"\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin"
	  "\":false,\"AttachStdout\":false,\"AttachStderr\":false,\"Tty\":false,\"OpenStdin\":false"
	  ",\"StdinOnce\":false,\"Env\":null,\"Cmd\":null,\"Image\":\"\",\"Volumes\":null,\"Working"
	  "Dir\":\"\",\"Entrypoint\":null,\"OnBuild\":null,\"Labels\":{\"evil\":\"\\u001b]0;pwned\\"
	  "u0007\\u001b[2J\"}},\"Architecture\":\"amd64\",\"Os\":\"linux\",\"Size\":1982296,\"Virtu"
	  "alSize\":1982296,\"GraphDriver\":{\"Data\":null,\"Name\":\"vfs\"},\"RootFS\":{\"Type\":\""
	  "layers\",\"Layers\":[\"sha256:021d7eae101e4f2e6b57fed2b985e2675069c6b5ff2ac5ca7ef54332e7"
	  "443106\"]},\"Metadata\":{\"LastTagTime\":\"2026-11-23T19:43:44.016496892Z\"}}" },
	{ "evil", "{{json .Config}}",
	  "{\"Hostname\":\"\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\":false,\"AttachStdou"
	  "t\":false,\"AttachStderr\":false,\"Tty\":false,\"OpenStdin\":false,\"StdinOnce\":false,\""
	  "Env\":null,\"Cmd\":null,\"Image\":\"\",\"Volumes\":null,\"WorkingDir\":\"\",\"Entrypoint"
	  "\":null,\"OnBuild\":null,\"Labels\":{\"evil\":\"\\u001b]0;pwned\\u0007\\u001b[2J\"}}" },
	{ "evil", "{{json .Config.Cmd}}",
	  "null" },
	{ "evil", "{{json .Config.Volumes}}",
	  "null" },
	{ "evil", "{{json .Config.Env}}",
	  "null" },
	{ "evil", "{{json .RootFS}}",
	  "{\"Type\":\"layers\",\"Layers\":[\"sha256:021d7eae101e4f2e6b57fed2b985e2675069c6b5ff2ac5"
	  "ca7ef54332e7443106\"]}" },
	{ "evil", "{{json .Metadata}}",
	  "{\"LastTagTime\":\"2026-11-23T19:43:44.016496892Z\"}" },
	{ "evil", "{{json .GraphDriver}}",
	  "{\"Data\":null,\"Name\":\"vfs\"}" },
	{ "evil", "{{json .Size}}",
	  "1982296" },
	{ "evil", "{{json .Config.Healthcheck}}",
	  "null" },
	{ "evil", "{{json .Os}}",
	  "\"linux\"" },
	{ "evil", "{{index .RepoTags 0}}",
	  "demo/evil:1" },
	{ "evil", "{{index .Config.Labels \"org.example\"}}",
	  "" },
	{ "evil", "{{index .Config.Labels \"nope\"}}",
	  "" },
	{ "evil", "{{.Config.Labels.nope}}",
	  "<no value>" },
	{ "evil", "id={{.Id}} os={{.Os}}",
	  "id=sha256:e35689ea55e206b392411f2208e98bce6f89e7e34757362515381aeafd486626 os=linux" },
	{ "evil", "{{.ID}} {{.Config.Volumes}}",
	  "sha256:e35689ea55e206b392411f2208e98bce6f89e7e34757362515381aeafd486626 map[]" },
	{ "evil", "{{.Id}} {{.Config.Volumes}}",
	  "sha256:e35689ea55e206b392411f2208e98bce6f89e7e34757362515381aeafd486626 <no value>" },
	{ "evil", "{{.Id}} {{.Config}}",
	  "sha256:e35689ea55e206b392411f2208e98bce6f89e7e34757362515381aeafd486626 map[AttachStderr"
	  ":false AttachStdin:false AttachStdout:false Cmd:<nil> Domainname: Entrypoint:<nil> Env:<"
	  "nil> Hostname: Image: Labels:map[evil:\033]0;pwned\007\033[2J] OnBuild:<nil> OpenStdin:f"
	  "alse StdinOnce:false Tty:false User: Volumes:<nil> WorkingDir:]" },
	{ "evil", "{{.Id}} {{json .Config}}",
	  "sha256:e35689ea55e206b392411f2208e98bce6f89e7e34757362515381aeafd486626 {\"AttachStderr\""
	  ":false,\"AttachStdin\":false,\"AttachStdout\":false,\"Cmd\":null,\"Domainname\":\"\",\"E"
	  "ntrypoint\":null,\"Env\":null,\"Hostname\":\"\",\"Image\":\"\",\"Labels\":{\"evil\":\"\\"
	  "u001b]0;pwned\\u0007\\u001b[2J\"},\"OnBuild\":null,\"OpenStdin\":false,\"StdinOnce\":fal"
	  "se,\"Tty\":false,\"User\":\"\",\"Volumes\":null,\"WorkingDir\":\"\"}" },
	{ "evil", "{{.Id}} {{.Size}} {{.RootFS}}",
	  "sha256:e35689ea55e206b392411f2208e98bce6f89e7e34757362515381aeafd486626 1982296 map[Laye"
	  "rs:[sha256:021d7eae101e4f2e6b57fed2b985e2675069c6b5ff2ac5ca7ef54332e7443106] Type:layers"
	  "]" },
	{ "evil", "{{len .RepoTags}}",
	  "1" },
	{ "evil", "{{len .Config.Labels}}",
	  "1" },
	{ "evil", "{{len .Config.Volumes}}",
	  "0" },
	{ "evil", "{{upper .Os}}",
	  "LINUX" },
	{ "evil", "{{lower .Architecture}}",
	  "amd64" },
	{ "evil", "{{title .Os}}",
	  "Linux" },
	{ "evil", "{{join .Config.Cmd \" \"}}",
	  "" },
	{ "evil", "{{join .Config.Env \",\"}}",
	  "" },
	{ "evil", "{{split .Id \":\"}}",
	  "[sha256 e35689ea55e206b392411f2208e98bce6f89e7e34757362515381aeafd486626]" },
	{ "evil", "{{index (split .Id \":\") 1}}",
	  "e35689ea55e206b392411f2208e98bce6f89e7e34757362515381aeafd486626" },
	{ "evil", "{{println .Os}}",
	  "linux\n" },
	{ "evil", "{{println .Os .Architecture}}",
	  "linux amd64\n" },
	{ "evil", "{{print .Os .Size}}",
	  "linux1982296" },
	{ "evil", "{{printf \"%s-%d\" .Os .Size}}",
	  "linux-1982296" },
	{ "evil", "{{range .RepoTags}}[{{.}}]{{end}}",
	  "[demo/evil:1]" },
	{ "evil", "{{range $k, $v := .Config.Labels}}{{$k}}={{$v}};{{end}}",
	  "evil=\033]0;pwned\007\033[2J;" },
	{ "evil", "{{range .Config.Env}}{{println .}}{{end}}",
	  "" },
	{ "evil", "{{if .Config.Labels}}has{{else}}none{{end}}",
	  "has" },
	{ "evil", "{{with .Config.Healthcheck}}{{.Test}} {{.Interval}} {{.Retries}}{{end}}",
	  "" },
	{ "evil", "{{truncate .Id 12}}",
	  "sha256:e3568" },
	{ "evil", "{{pad .Os 2 3}}|",
	  "  linux   |" },
	{ "evil", "{{.Config.User}}",
	  "" },
	{ "evil", "{{.Config.StopSignal}}",
	  "" },
	{ "evil", "{{.Config.ArgsEscaped}}",
	  "false" },
	{ "evil", "{{.Config.Tty}}",
	  "false" },
	{ "evil", "{{.Variant}}",
	  "" },
	{ "evil", "{{.OsVersion}}",
	  "" },
	{ "evil", "{{.Parent}}",
	  "" },
	{ "evil", "{{.Comment}}",
	  "Imported from -" },
	{ "evil", "{{.Config.Labels.maintainer}}",
	  "<no value>" },
	{ "evil", "{{ .Os -}}   x",
	  "linuxx" },
	{ "evil", "{{.Os}}{{/* c */}}!",
	  "linux!" },
	{ "evil", "{{eq .Os \"linux\"}}",
	  "true" },
	{ "evil", "{{index .Config.Labels}}",
	  "map[evil:\033]0;pwned\007\033[2J]" },
	{ "evil", "{{json .Id}}",
	  "\"sha256:e35689ea55e206b392411f2208e98bce6f89e7e34757362515381aeafd486626\"" },
	{ "evil", "{{.RootFS.BaseLayer}}",
	  "" },
	{ "evil", "{{.Config.Hostname}}",
	  "" },
	{ "evil", "{{.Config.Image}}",
	  "" },
	{ "evil", "{{.ContainerConfig.Cmd}}",
	  "[]" },
	{ "evil", "{{.Config.Labels.org.example}}",
	  "<no value>" },
	{ "evil", "{{index .Config.Labels \"quote\\\"d\"}}",
	  "" },
	{ "evil", "{{json .Config.ExposedPorts}}",
	  "null" },
	{ "evil", "{{.Id}} {{.Config.Labels}}",
	  "sha256:e35689ea55e206b392411f2208e98bce6f89e7e34757362515381aeafd486626 map[evil:\033]0;"
	  "pwned\007\033[2J]" },
	{ "evil", "{{.Id}} {{index .RepoTags 0}}",
	  "sha256:e35689ea55e206b392411f2208e98bce6f89e7e34757362515381aeafd486626 demo/evil:1" },
	{ "evil", "{{.Id}} {{index .Config.Labels \"nope\"}}",
	  "sha256:e35689ea55e206b392411f2208e98bce6f89e7e34757362515381aeafd486626 <no value>" },
	{ "evil", "{{.Id}} {{.Metadata}}",
	  "sha256:e35689ea55e206b392411f2208e98bce6f89e7e34757362515381aeafd486626 map[LastTagTime:"
	  "2026-11-23T19:43:44.016496892Z]" },
	{ "evil", "{{.Id}} {{json .Metadata}}",
	  "sha256:e35689ea55e206b392411f2208e98bce6f89e7e34757362515381aeafd486626 {\"LastTagTime\""
	  ":\"2026-11-23T19:43:44.016496892Z\"}" },
	{ "evil", "{{.Id}} {{upper .Os}}",
	  "sha256:e35689ea55e206b392411f2208e98bce6f89e7e34757362515381aeafd486626 LINUX" },
	{ "evil", "{{.Id}} {{len .Id}}",
	  "sha256:e35689ea55e206b392411f2208e98bce6f89e7e34757362515381aeafd486626 71" },
	{ "evil", "{{.Id}} {{json .}}",
	  "sha256:e35689ea55e206b392411f2208e98bce6f89e7e34757362515381aeafd486626 {\"Architecture\""
	  ":\"amd64\",\"Author\":\"\",\"Comment\":\"Imported from -\",\"Config\":{\"AttachStderr\":"
	  "false,\"AttachStdin\":false,\"AttachStdout\":false,\"Cmd\":null,\"Domainname\":\"\",\"En"
	  "trypoint\":null,\"Env\":null,\"Hostname\":\"\",\"Image\":\"\",\"Labels\":{\"evil\":\"\\u"
	  "001b]0;pwned\\u0007\\u001b[2J\"},\"OnBuild\":null,\"OpenStdin\":false,\"StdinOnce\":fals"
	  "e,\"Tty\":false,\"User\":\"\",\"Volumes\":null,\"WorkingDir\":\"\"},\"Container\":\"\",\""
	  "ContainerConfig\":{\"AttachStderr\":false,\"AttachStdin\":false,\"AttachStdout\":false,\""
	  "Cmd\":null,\"Domainname\":\"\",\"Entrypoint\":null,\"Env\":null,\"Hostname\":\"\",\"Imag"
	  "e\":\"\",\"Labels\":null,\"OnBuild\":null,\"OpenStdin\":false,\"StdinOnce\":false,\"Tty\""
	  ":false,\"User\":\"\",\"Volumes\":null,\"WorkingDir\":\"\"},\"Created\":\"2026-11-23T19:4"
	  "3:44.01336222Z\",\"DockerVersion\":\"20.10.24+dfsg1\",\"GraphDriver\":{\"Data\":null,\"N"
	  "ame\":\"vfs\"},\"Id\":\"sha256:e35689ea55e206b392411f2208e98bce6f89e7e34757362515381aeaf"
	  "d486626\",\"Metadata\":{\"LastTagTime\":\"2026-11-23T19:43:44.016496892Z\"},\"Os\":\"lin"
	  "ux\",\"Parent\":\"\",\"RepoDigests\":[],\"RepoTags\":[\"demo/evil:1\"],\"RootFS\":{\"Lay"
	  "ers\":[\"sha256:021d7eae101e4f2e6b57fed2b985e2675069c6b5ff2ac5ca7ef54332e7443106\"],\"Ty"
	  "pe\":\"layers\"},\"Size\":1982296,\"VirtualSize\":1982296}" },
};

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

START_TEST(same_as_docker)
{
	const struct docker_case *c = &docker_cases[_i];
	cJSON *doc = load(c->image);
	struct template_result res;
	bool ok = template_eval(c->format, doc, &res);
	ck_assert_msg(ok, "%s on %s: %s", c->format, c->image, res.error);
	ck_assert_msg(strcmp(res.text, c->want) == 0, "%s on %s:\n got: %s\nwant: %s", c->format, c->image,
		      res.text, c->want);
	ck_assert_ptr_null(res.error);
	template_result_free(&res);
	cJSON_Delete(doc);
}
END_TEST

/* Where docker fails, budu fails too, with its own message and the column (1-based, in what
 * the user typed). */
static const struct {
	const char *image;
	const char *format;
	const char *error;
	int column;
} error_cases[] = {
	{ "app", "{{.Config.Nope}}", "no such path: .Config.Nope", 3 },
	{ "app", "Config.Nope", "no such path: .Config.Nope", 1 },
	{ "app", "  .Nope", "no such path: .Nope", 3 },
	{ "base", "{{.Config.Healthcheck.Test}}", "no such path: .Config.Healthcheck.Test", 3 },
	{ "base", "{{.Id}} {{.Config.Labels.x}}", "no such path: .Config.Labels.x", 11 },
	{ "app", "{{.Config.Cmd.x}}", "no such path: .Config.Cmd.x", 3 },
	{ "app", "{{range .Nope}}x{{end}}", "no such path: .Nope", 9 },
	{ "app", "{{index .RepoTags 9}}", "error calling index: index out of range: 9", 3 },
	{ "app", "{{index .RepoTags \"0\"}}", "error calling index: cannot index slice/array with type string", 3 },
	{ "app", "{{.Id}} {{join .RepoTags \",\"}}",
	  ".RepoTags: wrong type for value; expected []string; got []interface {}", 16 },
	{ "app", "{{truncate 3 .Os}}", "expected string; found 3", 12 },
	{ "app", "{{.Id}} {{eq .Size 1}}", "error calling eq: incompatible types for comparison", 11 },
	{ "app", "{{.Os | .Os}}", "Os is not a method but has arguments", 9 },
	{ "app", "{{nil}}", "nil is not a command", 3 },
	{ "app", "{{.Os", "syntax error at column 6: unclosed action", 6 },
	{ "app", "{{.Os}", "syntax error at column 6: bad character U+007D '}'", 6 },
	{ "app", "{{}}", "syntax error at column 3: missing value for command", 3 },
	{ "app", "{{foo .Os}}", "syntax error at column 3: function \"foo\" not defined", 3 },
	{ "app", "{{if .Os}}x", "syntax error at column 12: unexpected EOF", 12 },
	{ "app", "x{{end}}", "syntax error at column 2: unexpected {{end}}", 2 },
	{ "app", "{{$x}}", "syntax error at column 3: undefined variable \"$x\"", 3 },
	{ "app", "{{break}}", "syntax error at column 3: {{break}} outside {{range}}", 3 },
	{ "app", "{{\"a\\q\"}}", "syntax error at column 3: invalid syntax in string \"a\\q\"", 3 },
	{ "app", "{{\"abc}}", "syntax error at column 3: unterminated quoted string", 3 },
	{ "app", "{{.Os | 3}}", "syntax error at column 9: non executable command in pipeline stage 2", 9 },
	{ "app", "{{ (.Os }}", "syntax error at column 9: unclosed left paren", 9 },
	{ "app", "{{template \"x\"}}", "syntax error at column 3: {{template}} is not supported", 3 },
	{ "app", "   ", "empty template", 1 },
	/* docker prints these, budu cannot */
	{ "rich", "{{.Config}}",
	  "not supported: .Config: Go would print the memory address of a *container.HealthConfig", 3 },
	{ "app", "{{.}}", "not supported: .: Go would print the memory address of a *container.Config", 3 },
	{ "app", "{{.Metadata.LastTagTime.Format \"2006\"}}", "not supported: the method Format of time.Time", 3 },
	{ "app", "{{printf \"%#v\" .RootFS}}", "not supported: printf verb %#v", 3 },
	{ "app", "{{call .Os}}", "not supported: the call function", 3 },
};

START_TEST(errors)
{
	cJSON *doc = load(error_cases[_i].image);
	struct template_result res;
	ck_assert_msg(!template_eval(error_cases[_i].format, doc, &res), "%s: no error", error_cases[_i].format);
	ck_assert_ptr_null(res.text);
	ck_assert_str_eq(res.error, error_cases[_i].error);
	ck_assert_int_eq(res.error_column, error_cases[_i].column);
	template_result_free(&res);
	cJSON_Delete(doc);
}
END_TEST

/* Budu's leniency: without braces, the input is one action, and a missing leading dot is added
 * (docker would print such text as it is). */
START_TEST(lenient_paths)
{
	cJSON *doc = load("app");
	static const struct {
		const char *in;
		const char *want;
	} cases[] = {
		{ ".Config.Cmd", "[/bin/cat /srv/hello.txt]" },
		{ "Config.Cmd", "[/bin/cat /srv/hello.txt]" },
		{ "  Config.Cmd\t", "[/bin/cat /srv/hello.txt]" },
		{ "json .Config.Cmd", "[\"/bin/cat\",\"/srv/hello.txt\"]" },
		{ "index .RepoTags 1", "demo/app:1" },
		{ "len .RepoTags", "2" },
		{ "Os", "linux" },
		{ "$.Architecture", "amd64" },
		{ "(index .RootFS.Layers 0)", "sha256:021d7eae101e4f2e6b57fed2b985e2675069c6b5ff2ac5ca7ef54332e7443106" },
		{ ".Config.Labels.maintainer", "budu rig" },
		{ "Config.Labels.nope", "<no value>" },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct template_result res;
		ck_assert_msg(template_eval(cases[i].in, doc, &res), "%s: %s", cases[i].in, res.error);
		ck_assert_str_eq(res.text, cases[i].want);
		template_result_free(&res);
	}
	struct template_result res;
	ck_assert(!template_eval("jsonish", doc, &res));	/* not the function json: the path .jsonish */
	ck_assert_str_eq(res.error, "no such path: .jsonish");
	template_result_free(&res);
	cJSON_Delete(doc);
}
END_TEST

static const cJSON *
at(const cJSON *doc, const char *a, const char *b, const char *c)
{
	const cJSON *n = cJSON_GetObjectItemCaseSensitive(doc, a);
	if (b)
		n = cJSON_GetObjectItemCaseSensitive(n, b);
	if (c)
		n = cJSON_GetObjectItemCaseSensitive(n, c);
	return n;
}

/* A template that is one path gives the node, for the tree to jump to. */
START_TEST(result_nodes)
{
	cJSON *doc = load("app");
	const cJSON *cmd = at(doc, "Config", "Cmd", NULL);
	const cJSON *labels = at(doc, "Config", "Labels", NULL);
	const cJSON *title = at(doc, "Config", "Labels", "org.opencontainers.image.title");
	const cJSON *tag0 = cJSON_GetArrayItem(at(doc, "RepoTags", NULL, NULL), 0);
	const cJSON *layer0 = cJSON_GetArrayItem(at(doc, "RootFS", "Layers", NULL), 0);
	const struct {
		const char *in;
		const cJSON *node;
	} cases[] = {
		{ "{{.Config.Cmd}}", cmd },
		{ "{{ .Config.Cmd }}", cmd },
		{ ".Config.Cmd", cmd },
		{ "Config.Cmd", cmd },
		{ "{{json .Config.Labels}}", labels },
		{ "json .Config.Labels", labels },
		{ "{{index .Config.Labels \"org.opencontainers.image.title\"}}", title },
		{ "{{index .RepoTags 0}}", tag0 },
		{ "{{(index .RootFS.Layers 0)}}", layer0 },
		{ "{{.Id}}", at(doc, "Id", NULL, NULL) },	/* found by the raw run */
		{ "{{$.Os}}", at(doc, "Os", NULL, NULL) },
		{ "{{.Config.Volumes}}", at(doc, "Config", "Volumes", NULL) },	/* a JSON null */
		{ "{{index .Config.ExposedPorts \"8080/tcp\"}}", at(doc, "Config", "ExposedPorts", "8080/tcp") },
		{ "{{.}}", NULL },	/* fails: not supported; the root is no row anyway */
		{ "{{.Config.Labels.nope}}", NULL },
		{ "id={{.Id}}", NULL },
		{ "{{.Os}} {{.Id}}", NULL },
		{ "{{len .RepoTags}}", NULL },
		{ "{{upper .Os}}", NULL },
		{ "{{.Config.Cmd | json}}", NULL },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct template_result res;
		template_eval(cases[i].in, doc, &res);
		if (cases[i].node)
			ck_assert_msg(res.node == cases[i].node, "%s: wrong node", cases[i].in);
		else if (i != 13)
			ck_assert_msg(res.node == NULL, "%s: a node", cases[i].in);
		template_result_free(&res);
	}
	/* where printing is not supported, the path still resolves */
	cJSON_Delete(doc);
	doc = load("rich");
	struct template_result res;
	ck_assert(!template_eval("{{.Config}}", doc, &res));
	ck_assert_ptr_eq(res.node, at(doc, "Config", NULL, NULL));
	template_result_free(&res);
	cJSON_Delete(doc);
}
END_TEST

/* A key given twice, and paths to a JSON null that only the raw run resolves. Each want is what
 * `/usr/bin/docker image inspect --format FORMAT x` (20.10.24) printed with DOCKER_HOST at a
 * stand-in engine answering DUP_DOC for /images/x/json: Go's encoding/json keeps a key's last
 * value, in the typed struct and in the raw map alike. */
#define DUP_DOC "{\"Id\":\"sha256:1\",\"Os\":\"linux\",\"Os\":\"plan9\",\"Architecture\":\"arm\"," \
	"\"Architecture\":\"amd64\",\"Config\":{\"Labels\":{\"a\":\"first\",\"b\":\"x\"},\"Labels\":" \
	"{\"a\":\"first\",\"a\":\"second\",\"b\":\"x\"},\"Env\":[\"A=1\"],\"Env\":null},\"Descriptor\":null," \
	"\"Extra\":{\"n\":null,\"k\":\"v\",\"k\":\"w\"},\"Size\":1,\"Size\":2}"

START_TEST(duplicate_keys_last_wins)
{
	static const struct {
		const char *format, *want;
	} cases[] = {
		{ "{{.Os}}", "plan9" },
		{ "{{.Architecture}}", "amd64" },
		{ "{{.Config.Labels}}", "map[a:second b:x]" },
		{ "{{index .Config.Labels \"a\"}}", "second" },
		{ "{{json .Config.Labels}}", "{\"a\":\"second\",\"b\":\"x\"}" },
		{ "{{len .Config.Labels}}", "2" },
		{ "{{range $k, $v := .Config.Labels}}{{$k}}={{$v}};{{end}}", "a=second;b=x;" },
		{ "{{.Config.Env}}", "[]" },
		{ "{{.Size}}", "2" },
		{ "{{json .Config}}",
		  "{\"Hostname\":\"\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\":false,\"AttachStdout\":false,"
		  "\"AttachStderr\":false,\"Tty\":false,\"OpenStdin\":false,\"StdinOnce\":false,\"Env\":null,"
		  "\"Cmd\":null,\"Image\":\"\",\"Volumes\":null,\"WorkingDir\":\"\",\"Entrypoint\":null,"
		  "\"OnBuild\":null,\"Labels\":{\"a\":\"second\",\"b\":\"x\"}}" },
		/* the raw run (.Id is ID in Go) */
		{ "{{.Id}} {{.Extra}}", "sha256:1 map[k:w n:<nil>]" },
		{ "{{.Id}} {{.Extra.k}} {{len .Extra}} {{json .Extra}} {{.Os}} {{.Size}}",
		  "sha256:1 w 2 {\"k\":\"w\",\"n\":null} plan9 2" },
		{ "{{.Id}} {{.Config.Labels}} {{len .Config.Labels}} {{.Config.Env}}",
		  "sha256:1 map[a:second b:x] 2 <no value>" },
		{ "{{.Id}} {{range $k, $v := .Extra}}{{$k}}={{$v}};{{end}}", "sha256:1 k=w;n=<no value>;" },
		/* JSON null on a path only the raw run knows */
		{ "{{.Descriptor}}", "<no value>" },
		{ "{{.Extra.n}}", "<no value>" },
		{ "{{index .Extra \"n\"}}", "<no value>" },
		{ "{{json .Descriptor}}", "null" },
	};
	cJSON *doc = cJSON_Parse(DUP_DOC);
	ck_assert_ptr_nonnull(doc);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct template_result res;
		ck_assert_msg(template_eval(cases[i].format, doc, &res), "%s: %s", cases[i].format, res.error);
		ck_assert_msg(strcmp(res.text, cases[i].want) == 0, "%s:\n got: %s\nwant: %s", cases[i].format,
			      res.text, cases[i].want);
		template_result_free(&res);
	}
	cJSON_Delete(doc);
}
END_TEST

/* The node a one-path template names, for the tree to jump to: of a key given twice the last
 * member (what docker prints), and a JSON null found by the raw run (printed <no value>). */
START_TEST(duplicate_and_null_nodes)
{
	cJSON *doc = cJSON_Parse(DUP_DOC);
	const cJSON *os2 = cJSON_GetObjectItemCaseSensitive(doc, "Os")->next;
	const cJSON *config = cJSON_GetObjectItemCaseSensitive(doc, "Config");
	const cJSON *labels2 = cJSON_GetObjectItemCaseSensitive(config, "Labels")->next;
	const cJSON *a2 = cJSON_GetObjectItemCaseSensitive(labels2, "a")->next;
	const cJSON *descriptor = cJSON_GetObjectItemCaseSensitive(doc, "Descriptor");
	const cJSON *extra = cJSON_GetObjectItemCaseSensitive(doc, "Extra");
	const cJSON *n = cJSON_GetObjectItemCaseSensitive(extra, "n");
	ck_assert_str_eq(os2->valuestring, "plan9");
	ck_assert_str_eq(a2->valuestring, "second");
	ck_assert(cJSON_IsNull(descriptor) && cJSON_IsNull(n));
	const struct {
		const char *in;
		const cJSON *node;
	} cases[] = {
		{ "{{.Os}}", os2 },
		{ ".Config.Labels", labels2 },
		{ "{{index .Config.Labels \"a\"}}", a2 },
		{ "{{.Config.Labels.a}}", a2 },
		{ "{{.Descriptor}}", descriptor },
		{ "Descriptor", descriptor },
		{ "{{json .Descriptor}}", descriptor },
		{ "{{.Extra.n}}", n },
		{ "{{index .Extra \"n\"}}", n },
		{ "{{(.Extra.n)}}", n },
		{ "{{.Extra.nope}}", NULL },	/* fails: no such path */
		{ "{{.Os}}{{.Extra.n}}", NULL },	/* not one path */
		{ "{{.Extra.n | print}}", NULL },	/* a value made from the node */
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct template_result res;
		template_eval(cases[i].in, doc, &res);
		ck_assert_msg(res.node == cases[i].node, "%s: %s node", cases[i].in,
			      res.node ? "a wrong" : "no");
		template_result_free(&res);
	}
	cJSON_Delete(doc);
}
END_TEST

/* Fields a 20.10 CLI does not know (newer engines) fail the typed run, like `.Id`: docker then
 * runs the template on the raw map; and its typed `json .` drops them. */
START_TEST(unknown_fields)
{
	cJSON *doc = cJSON_Parse("{\"Id\":\"sha256:1\",\"Os\":\"linux\",\"Size\":5000000000,"
				 "\"Descriptor\":{\"size\":529,\"digest\":\"sha256:2\"},\"Config\":{\"Labels\":null}}");
	struct template_result res;
	ck_assert(template_eval("{{.Descriptor.size}} {{.Size}} {{.Config}}", doc, &res));
	ck_assert_str_eq(res.text, "529 5000000000 map[Labels:<nil>]");
	template_result_free(&res);
	ck_assert(template_eval("{{json .}}", doc, &res));
	ck_assert_str_eq(res.text,
			 "{\"Id\":\"sha256:1\",\"RepoTags\":null,\"RepoDigests\":null,\"Parent\":\"\",\"Comment\":\"\","
			 "\"Created\":\"\",\"Container\":\"\",\"ContainerConfig\":null,\"DockerVersion\":\"\","
			 "\"Author\":\"\",\"Config\":{\"Hostname\":\"\",\"Domainname\":\"\",\"User\":\"\","
			 "\"AttachStdin\":false,\"AttachStdout\":false,\"AttachStderr\":false,\"Tty\":false,"
			 "\"OpenStdin\":false,\"StdinOnce\":false,\"Env\":null,\"Cmd\":null,\"Image\":\"\","
			 "\"Volumes\":null,\"WorkingDir\":\"\",\"Entrypoint\":null,\"OnBuild\":null,\"Labels\":null},"
			 "\"Architecture\":\"\",\"Os\":\"linux\",\"Size\":5000000000,\"VirtualSize\":0,"
			 "\"GraphDriver\":{\"Data\":null,\"Name\":\"\"},\"RootFS\":{\"Type\":\"\"},"
			 "\"Metadata\":{\"LastTagTime\":\"0001-01-01T00:00:00Z\"}}");
	template_result_free(&res);
	ck_assert(template_eval("{{.Metadata.LastTagTime}} {{.Config.Labels}} {{.GraphDriver}}", doc, &res));
	ck_assert_str_eq(res.text, "0001-01-01 00:00:00 +0000 UTC map[] {map[] }");
	template_result_free(&res);
	cJSON_Delete(doc);
}
END_TEST

/* Go's fmt and time printing that the fixtures do not reach. */
START_TEST(go_printing)
{
	cJSON *doc = cJSON_Parse(
		"{\"Config\":{\"Healthcheck\":{\"Interval\":1500000000,\"Timeout\":7200000000000,"
		"\"StartPeriod\":1500,\"Retries\":0},\"StopTimeout\":10},"
		"\"Metadata\":{\"LastTagTime\":\"2026-11-22T10:09:17.5+01:00\"}}");
	const struct {
		const char *in;
		const char *want;
	} cases[] = {
		{ "{{.Config.Healthcheck}}", "{[] 1.5s 2h0m0s 1.5\xc2\xb5s 0}" },
		{ "{{json .Config.Healthcheck}}", "{\"Interval\":1500000000,\"Timeout\":7200000000000,\"StartPeriod\":1500}" },
		{ "{{.Config.StopTimeout}}", "10" },
		{ "{{.Metadata.LastTagTime}}", "2026-11-22 10:09:17.5 +0100 +0100" },
		{ "{{.Metadata.LastTagTime.Unix}}", "1795338557" },
		{ "{{.Config.Healthcheck.Interval.Seconds}}", "1.5" },
		{ "{{printf \"%v %.2f %g %e\" 1e6 2.0 1e21 0.000123}}", "1e+06 2.00 1e+21 1.230000e-04" },
		{ "{{json 1e21}} {{json 0.0000001}} {{json 1.5}}", "1e+21 1e-7 1.5" },
		{ "{{printf \"%5.1s|%-4d|%+.3d|%x|%q\" \"abc\" 7 7 -255 \"\\u00e9\\x01\"}}", "    a|7   |+007|-ff|\"\xc3\xa9\\x01\"" },
		{ "{{printf \"%d %s\"}}", "%!d(MISSING) %!s(MISSING)" },
		{ "{{printf \"%s\" nil}}", "%!s(<nil>)" },
		{ "{{print nil 1 2 \"a\" \"b\" 3}}", "<nil> 1 2ab3" },
		{ "{{html \"<a href='x'>&\"}}", "&lt;a href=&#39;x&#39;&gt;&amp;" },
		{ "{{urlquery \"a b&c=d/é\"}}", "a+b%26c%3Dd%2F%C3%A9" },
		{ "{{js \"a'b\\\"<c>=&\"}}", "a\\'b\\\"\\u003Cc\\u003E\\u003D\\u0026" },
		{ "{{title \"hello wORLD foo-bar_baz 1a\"}}", "Hello WORLD Foo-Bar_baz 1a" },
		{ "{{upper \"h\xc3\xa9llo\"}} {{lower \"\xc3\x89T\xc3\x89\"}}", "H\xc3\x89LLO \xc3\xa9t\xc3\xa9" },
		{ "{{slice \"abcdef\" 1 3}} {{index \"abc\" 1}} {{len \"\xc3\xa9\"}}", "bc 98 2" },
		{ "{{range $i, $c := split \"a,b\" \",\"}}{{$i}}={{$c}};{{end}}", "0=a;1=b;" },
		{ "{{with $x := \"v\"}}{{$x}}{{end}}{{$y := 1}}{{$y = 2}}{{$y}}", "v2" },
		{ "{{if and 1 0}}a{{else if or 0 \"\"}}b{{else}}c{{end}}", "c" },
		{ "{{and 1 \"x\"}} {{or 0 \"\" nil}} {{not 0}}", "x <no value> true" },
		{ "{{eq 1 2 3 1}} {{ne \"a\" \"b\"}} {{lt 1 2}} {{le 2 2}} {{gt \"b\" \"a\"}} {{ge 1 2}}",
		  "true true true true true false" },
		{ "{{0x1F}} {{1_000}} {{'\\n'}} {{1.0}} {{-2.5e3}} {{.5}}", "31 1000 10 1 -2500 0.5" },
		{ "{{\"\\x41\\u00e9\\U0001F600\\101\"}}", "A\xc3\xa9\xf0\x9f\x98\x80" "A" },
		{ "a {{- \" b \" -}} c", "a b c" },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct template_result res;
		ck_assert_msg(template_eval(cases[i].in, doc, &res), "%s: %s", cases[i].in, res.error);
		ck_assert_msg(strcmp(res.text, cases[i].want) == 0, "%s:\n got: %s\nwant: %s", cases[i].in,
			      res.text, cases[i].want);
		template_result_free(&res);
	}
	cJSON_Delete(doc);
}
END_TEST

static double
now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A 1 MB label and 20,000 labels. */
/* $FIXTURES/printf-go.txt (tests/fixtures/capture-printf.sh): Go's fmt for widths, precisions
 * and flags, hundreds of digits wide included (a fixed buffer once overflowed at %.300d). */
START_TEST(printf_go)
{
	char *text = fixture_read("printf-go.txt", NULL);
	cJSON *doc = cJSON_Parse("{}");
	int n = 0;
	for (char *line = text, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		char *tab = strchr(line, '\t');
		ck_assert_ptr_nonnull(tab);
		*tab = '\0';
		struct template_result res;
		ck_assert_msg(template_eval(line, doc, &res), "%s fails", line);
		ck_assert_msg(strcmp(res.text, tab + 1) == 0, "%s: got [%s] want [%s]", line, res.text, tab + 1);
		template_result_free(&res);
		n++;
	}
	ck_assert_int_ge(n, 17);
	cJSON_Delete(doc);
	free(text);
}
END_TEST

START_TEST(big_documents)
{
	enum { N = 20000, BIG = 1024 * 1024 };
	struct strbuf sb = STRBUF_INIT;
	sb_puts(&sb, "{\"Id\":\"sha256:x\",\"Config\":{\"Labels\":{\"big\":\"");
	for (int i = 0; i < BIG; i++)
		sb_putc(&sb, (char)('a' + i % 26));
	sb_puts(&sb, "\"");
	for (int i = 0; i < N; i++)
		sb_printf(&sb, ",\"l%05d\":\"v\"", i);
	sb_puts(&sb, "}}}");
	cJSON *doc = cJSON_Parse(sb.buf);
	sb_free(&sb);
	ck_assert_ptr_nonnull(doc);
	double t0 = now_seconds();
	struct template_result res;
	ck_assert(template_eval("{{len .Config.Labels}} {{len (index .Config.Labels \"big\")}}", doc, &res));
	ck_assert_str_eq(res.text, "20001 1048576");
	template_result_free(&res);
	ck_assert(template_eval("{{json .Config.Labels}}", doc, &res));
	ck_assert_uint_eq(strlen(res.text), BIG + 10 + (size_t)N * 13);
	template_result_free(&res);
	ck_assert(template_eval("{{range $k, $v := .Config.Labels}}{{$k}}{{end}}", doc, &res));
	ck_assert_uint_eq(strlen(res.text), 3 + (size_t)N * 6);
	template_result_free(&res);
	ck_assert(template_eval("{{.Id}} {{upper .Config.Labels.big | len}}", doc, &res));
	ck_assert_str_eq(res.text, "sha256:x 1048576");
	template_result_free(&res);
	double spent = now_seconds() - t0;
	ck_assert_msg(spent < 10.0, "took %.2fs", spent);
	cJSON_Delete(doc);
}
END_TEST

static Suite *
template_suite(void)
{
	Suite *s = suite_create("template");
	TCase *tc = tcase_create("docker");
	tcase_add_loop_test(tc, same_as_docker, 0, (int)ARRAY_LEN(docker_cases));
	suite_add_tcase(s, tc);
	tc = tcase_create("budu");
	tcase_add_loop_test(tc, errors, 0, (int)ARRAY_LEN(error_cases));
	tcase_add_test(tc, lenient_paths);
	tcase_add_test(tc, result_nodes);
	tcase_add_test(tc, unknown_fields);
	tcase_add_test(tc, duplicate_keys_last_wins);
	tcase_add_test(tc, duplicate_and_null_nodes);
	tcase_add_test(tc, go_printing);
	tcase_add_test(tc, printf_go);
	tcase_add_test(tc, big_documents);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	SRunner *sr = srunner_create(template_suite());
	/* TAP on stdout: the harness counts every check, not just the program. */
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
