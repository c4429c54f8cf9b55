#!/bin/sh
# bootstrap.sh: install what sunotop needs on Debian/Ubuntu, build it out of
# tree in ./build, then run the demo dashboard or the whole test suite.
#   ./bootstrap.sh demo   install, build, open the dashboard on the demo server
#   ./bootstrap.sh test   install, build, run make check; last line "N passed, N failed"
#   ./bootstrap.sh build  install and build only
set -eu

top=$(cd "$(dirname "$0")" && pwd)
cd "$top"
BUILD=${BUILD:-$top/build}
PACKAGES="build-essential autoconf automake autoconf-archive pkgconf \
libncurses-dev libcurl4-openssl-dev libjson-c-dev libcmocka-dev \
tmux python3 openssl mandoc curl jq bc valgrind clang libclang-rt-14-dev nghttp2-server \
zsh fish"

need_install() {
	for tool in autoreconf pkg-config tmux python3 openssl mandoc curl jq cc; do
		command -v "$tool" >/dev/null 2>&1 || return 0
	done
	for mod in ncursesw libcurl json-c cmocka; do
		pkg-config --exists "$mod" 2>/dev/null || return 0
	done
	return 1
}

install_packages() {
	need_install || return 0
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	echo "bootstrap: installing packages (apt-get)" >&2
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
		$PACKAGES >/dev/null
}

build() {
	[ -x configure ] && [ configure -nt configure.ac ] && [ configure -nt Makefile.am ] || autoreconf -fi
	mkdir -p "$BUILD"
	cd "$BUILD"
	[ -f Makefile ] || "$top/configure" -q ${CONFIGURE_FLAGS:-}
	make -j"$(nproc 2>/dev/null || echo 2)" all
}

# Sum the automake test-suite summaries into "N passed, N failed".
summary() {
	awk '/^# PASS:/ {p += $3} /^# XPASS:/ {f += $3} /^# FAIL:/ {f += $3}
	     /^# ERROR:/ {f += $3} /^# SKIP:/ {s += $3}
	     END { printf "%d passed, %d failed", p, f; if (s) printf ", %d skipped", s; printf "\n" }' "$@"
}

cmd=${1:-demo}
case "$cmd" in
demo)
	install_packages
	build
	exec make -s demo
	;;
test)
	install_packages
	build
	status=0
	make -j2 check >check.out 2>&1 || status=$?
	grep -E '^(PASS|FAIL|ERROR|XPASS|SKIP):' check.out | grep -v '^PASS:' || true
	[ $status -eq 0 ] || { cat test-suite.log 2>/dev/null | tail -n 80; }
	summary test-suite.log
	exit $status
	;;
build)
	install_packages
	build
	;;
summary)
	shift
	summary "$@"
	;;
*)
	echo "usage: $0 demo|test|build" >&2
	exit 2
	;;
esac
