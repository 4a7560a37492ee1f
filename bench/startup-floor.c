/* startup-floor: a program that does nothing, built twice by bench/run.sh: linked with
 * libcurl (as budu is) and with nothing. The difference, exec to exit, is what loading
 * libcurl and the libraries it needs costs every libcurl client before its main runs: a
 * floor under budu's "exec -> first screen" that no code of budu's can lower. */
#ifdef WITH_CURL
#include <curl/curl.h>
#endif

int
main(int argc, char **argv)
{
	(void)argv;
#ifdef WITH_CURL
	/* A use, so that the linker keeps libcurl (--as-needed); never true. */
	if (argc > 1000)
		return curl_version()[0];
#endif
	return argc > 1000;
}
