#!/bin/sh
# Generate configure and the Makefile templates (runs autopoint for gettext).
set -e
cd "$(dirname "$0")"
autoreconf -fi
