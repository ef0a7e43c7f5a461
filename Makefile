# SPDX-License-Identifier: GPL-2.0
#
# gcsched: build the module and the tool, install them, and run the
# selftests in a VM. `make help` lists the targets. Out-of-tree module build as in the
# kernel's Documentation/kbuild/modules.rst; the Kbuild file beside this one
# says what the module is made of.

# KVER: the kernel series to build for and boot, one of Debian 12's two
# LTS kernels, 6.1 (the default) or 6.12; both are supported and tested.
# The newest installed package of the series is used (never a hard-coded
# ABI number); make deps installs the newest the archive has.
SERIES := 6.1 6.12
KVER ?= 6.1
ifeq ($(filter $(KVER),$(SERIES)),)
$(error KVER=$(KVER): the supported kernels are $(SERIES))
endif

# The kernel the VM boots, and the headers the module is built against.
# A machine that can load modules builds for itself; otherwise for the
# newest Debian amd64 kernel of the series KVER, which is what the VM
# boots. VM_KVER is expanded where it is used, never when the Makefile is
# read: on a fresh machine the kernel is installed by `deps`, a
# prerequisite of the targets that use it.
HOST_KDIR := /lib/modules/$(shell uname -r)/build
ifneq ($(wildcard $(HOST_KDIR)/Makefile),)
KDIR ?= $(HOST_KDIR)
KERNEL ?= /boot/vmlinuz-$(shell uname -r)
else
VM_KVER = $(shell ls /boot/vmlinuz-$(KVER).*-amd64 2>/dev/null | sed 's,.*/vmlinuz-,,' | sort -V | tail -n 1)
KDIR ?= /usr/src/linux-headers-$(VM_KVER)
KERNEL ?= /boot/vmlinuz-$(VM_KVER)
endif

BUILD ?= $(CURDIR)/build
SMP ?= 4
MEM ?= 1024
# The kernel source of the series (the kselftest harness, checkpatch,
# kernel-doc): only those files are extracted, into build/.
ksrc_of = $(BUILD)/linux-source-$(1)
KSRC = $(call ksrc_of,$(KVER))
KSFT = $(KSRC)/tools/testing/selftests
KERNEL_DOC = $(KSRC)/scripts/kernel-doc

CC ?= gcc
UCFLAGS := -O2 -g -Wall -Wextra -Werror -static -I$(CURDIR)/include/uapi

# Every Debian package the project needs; `make deps` installs the missing.
# kernel:SERIES is the newest linux-image-SERIES.N+deb12-amd64 and its
# headers, unless one is installed (deps.sh); 6.1's are the metapackages.
KERNEL_PKGS_6.1 := linux-image-amd64 linux-headers-amd64
KERNEL_PKGS_6.12 := kernel:6.12
DEPS = $(KERNEL_PKGS_$(KVER)) linux-source-6.1 linux-source-6.12 dkms \
	qemu-system-x86 busybox-static cpio kmod sparse build-essential \
	bc flex bison libelf-dev libssl-dev xz-utils python3 man-db \
	golang-go gnuplot-nox lcov spin librsvg2-bin fonts-dejavu-core

MODULE := kmod/gcsched.ko
TOOL := userspace/gcschedctl
SELFTESTS_OUT := $(BUILD)/selftests/gcsched
TIMEOUT_BIN := $(BUILD)/vm/timeout

.PHONY: all module tool selftests install uninstall dkms-src dkms-install \
	dkms-uninstall dkms-check deps ksrc check collection lint checkpatch sparse \
	w1 kernel-doc demo bench fuzz soak check-debug check-kcsan flake coverage textpoke-repro bench-ab \
	model model-tables timeline-check timeline-pictures clean help

# What a machine that loads modules needs: the running kernel's headers
# and a compiler. The selftests need the kernel source tarball (make deps).
all: module tool

help:
	@echo "make            build kmod/gcsched.ko and userspace/gcschedctl (kernel headers only)"
	@echo "make install    the module under /lib/modules/KVER/updates, the tool and its man page under PREFIX"
	@echo "make uninstall  remove what install put there"
	@echo "make dkms-install  the module under DKMS, rebuilt for each kernel (dkms-uninstall)"
	@echo "make selftests  build the kselftests (needs the kernel source: make deps)"
	@echo "make run-tests  the kselftests on this machine, gcsched loaded (as root)"
	@echo "make deps       install the Debian packages this needs (root)"
	@echo "make check      deps, build, lint, the model, the kselftests in a VM, a short bench (KVER=6.1 or 6.12)"
	@echo "make model      spin on the status protocol: go1.4-buggy's wedge, the fixes verified, the table"
	@echo "make model-replay  the model against the collection's traced wedges (after make collection)"
	@echo "make collection the kselftests in a VM alone (KVER=6.12: on the other kernel)"
	@echo "make dkms-check dkms build for each supported kernel, then removed again"
	@echo "make demo       the seed's experiment in a VM, and the buggy run's picture (ARGS='run --policy modern ...')"
	@echo "make timeline-check  failures drawn in the VM (--timeline, --svg), checked outside it"
	@echo "make timeline-pictures  the README's pictures of failures, into docs/timeline/"
	@echo "make shell      the VM with the module loaded, an interactive shell (ACCEL=kvm: KVM)"
	@echo "make bench      the benchmark suite in a VM, with the real Go runtime (QUICK=1: short)"
	@echo "make check-debug  the tests on a KASAN/lockdep/kmemleak kernel, built once"
	@echo "make check-kcsan  the tests on a KCSAN kernel, built once, with a canary race"
	@echo "make flake      the collection REPEAT (20) times in one boot"
	@echo "make coverage   line coverage of kmod/ from the collection (lcov)"
	@echo "make fuzz       the fuzzer in a VM for DURATION seconds (600), SEED (1), DEBUG=1"
	@echo "make soak       fixed and modern, widest window, with the fuzzer (DURATION=600)"
	@echo "make textpoke-repro  the soft lockup of issue 11 on demand, and whose it is (TOGGLES=600)"
	@echo "make lint       checkpatch --strict, sparse (C=1), W=1, kernel-doc"
	@echo "make clean      remove all build output"
	@echo "Variables: KVER=$(KVER) ($(SERIES)) KDIR=$(KDIR) KERNEL=$(KERNEL) SMP=$(SMP) MEM=$(MEM) PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)"

module:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

tool: $(TOOL)

TOOL_SRCS := $(addprefix userspace/,gcschedctl.c run.c repro.c scenario.c info.c opts.c dev.c print.c json.c gctrace.c parse.c timeline.c svg.c)
$(TOOL): $(TOOL_SRCS) userspace/parse.h userspace/gcschedctl.h include/uapi/linux/gcsched.h kmod/gcsched.h
	$(CC) $(UCFLAGS) -DGCSCHED_VERSION='"$(VERSION)"' -o $@ $(TOOL_SRCS) -lm

# The tool's parsers on the host, no device needed: part of make lint.
PARSE_TEST := $(BUILD)/parse_test
parse-test: userspace/parse_test.c userspace/parse.c userspace/parse.h include/uapi/linux/gcsched.h
	@mkdir -p $(BUILD)
	$(CC) $(UCFLAGS) -o $(PARSE_TEST) userspace/parse_test.c userspace/parse.c
	$(PARSE_TEST)

# Install, in the kernel's way: modules_install into updates/ (which
# depmod ranks above the kernel's own tree), DESTDIR honoured throughout.
# KRELEASE: the release of the kernel KDIR belongs to, as uname -r and the
# module's vermagic say it (Debian's kernel.release file says 6.1.192).
# No signing here: the distribution's key is not on the machine (see the
# README on Secure Boot and sign-file).
PREFIX ?= /usr/local
KRELEASE = $(shell sed -n 's/.*UTS_RELEASE "\(.*\)"/\1/p' $(KDIR)/include/generated/utsrelease.h 2>/dev/null)
VERSION := $(shell sed -n 's/^\#define GCSCHED_VERSION[[:space:]]*"\(.*\)"/\1/p' kmod/gcsched.h)

install: module tool
	$(MAKE) -C $(KDIR) M=$(CURDIR) INSTALL_MOD_PATH=$(DESTDIR) \
		INSTALL_MOD_DIR=updates CONFIG_MODULE_SIG_ALL= modules_install
	depmod -b "$(or $(DESTDIR),/)" $(KRELEASE)
	install -D -m 0755 $(TOOL) $(DESTDIR)$(PREFIX)/sbin/gcschedctl
	install -D -m 0644 userspace/gcschedctl.8 $(DESTDIR)$(PREFIX)/share/man/man8/gcschedctl.8

uninstall:
	rm -f $(DESTDIR)/lib/modules/$(KRELEASE)/updates/kmod/gcsched.ko \
		$(DESTDIR)/lib/modules/$(KRELEASE)/updates/gcsched.ko
	depmod -b "$(or $(DESTDIR),/)" $(KRELEASE)
	rm -f $(DESTDIR)$(PREFIX)/sbin/gcschedctl $(DESTDIR)$(PREFIX)/share/man/man8/gcschedctl.8

# DKMS: the module's sources under /usr/src/gcsched-VERSION, rebuilt by
# DKMS for every kernel installed later. dkms.conf's version is filled in
# from kmod/gcsched.h, the one place it is written.
DKMS_SRC = /usr/src/gcsched-$(VERSION)
dkms-src:
	@command -v dkms >/dev/null || { echo "dkms missing: apt-get install dkms" >&2; exit 1; }
	-dkms remove gcsched/$(VERSION) --all >/dev/null 2>&1
	rm -rf $(DKMS_SRC)
	install -d $(DKMS_SRC)/kmod $(DKMS_SRC)/include/uapi/linux
	install -m 0644 Kbuild $(DKMS_SRC)/
	install -m 0644 kmod/Kbuild kmod/*.c kmod/*.h $(DKMS_SRC)/kmod/
	rm -f $(DKMS_SRC)/kmod/*.mod.c
	install -m 0644 include/uapi/linux/gcsched.h $(DKMS_SRC)/include/uapi/linux/
	sed 's/@VERSION@/$(VERSION)/' dkms.conf > $(DKMS_SRC)/dkms.conf

dkms-install: dkms-src
	dkms add gcsched/$(VERSION)
	dkms install gcsched/$(VERSION) $(if $(KRELEASE),-k $(KRELEASE))

# CI's DKMS lane: dkms build against the newest headers of each supported
# series (no reboot, no install), then everything it added is removed.
dkms-check: deps
	@./selftests/vm/deps.sh $(foreach v,$(SERIES),$(KERNEL_PKGS_$(v)))
	./selftests/vm/dkms-check.sh $(VERSION) $(SERIES)

dkms-uninstall:
	-dkms remove gcsched/$(VERSION) --all
	rm -rf $(DKMS_SRC)

# The selftests build with the kernel's own lib.mk, from the extracted tree.
selftests: ksrc $(TIMEOUT_BIN)
	@mkdir -p $(SELFTESTS_OUT)
	$(MAKE) -C selftests/gcsched OUTPUT=$(SELFTESTS_OUT) \
		KSFT_DIR=$(KSFT) UAPI_DIR=$(CURDIR)/include/uapi

# The kselftests on this machine: one that loads modules, with gcsched
# installed and loaded (make install; modprobe gcsched). Without
# /dev/gcsched every program skips.
run-tests: selftests
	$(MAKE) -C selftests/gcsched OUTPUT=$(SELFTESTS_OUT) \
		KSFT_DIR=$(KSFT) UAPI_DIR=$(CURDIR)/include/uapi run_tests

$(TIMEOUT_BIN): selftests/vm/timeout.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -Wall -static -o $@ $<

# Only what we use of a kernel tree, extracted once, never committed.
KSRC_FILES := tools/testing/selftests/kselftest.h \
	tools/testing/selftests/kselftest_harness.h tools/testing/selftests/lib.mk \
	tools/testing/selftests/run_kselftest.sh tools/testing/selftests/kselftest \
	scripts/checkpatch.pl scripts/spelling.txt scripts/const_structs.checkpatch \
	scripts/kernel-doc
ksrc: $(KSRC)/.extracted
$(BUILD)/linux-source-%/.extracted:
	@test -r /usr/src/linux-source-$*.tar.xz || \
		{ echo "/usr/src/linux-source-$*.tar.xz is missing: run 'make deps' (as root) first" >&2; exit 1; }
	@mkdir -p $(BUILD)
	tar -C $(BUILD) -xf /usr/src/linux-source-$*.tar.xz \
		$(addprefix linux-source-$*/,$(KSRC_FILES))
	touch $@

deps:
	@./selftests/vm/deps.sh $(DEPS)

# Lint: each tool must report nothing.
lint: checkpatch sparse w1 kernel-doc parse-test

# checkpatch --strict over every kernel source. Ignored, with reasons:
#  CAMELCASE: Go's names (Gwaiting, casfrom_Gscanstatus) are the point.
#  EMBEDDED_FUNCTION_NAME: throw messages quote Go's runtime word for word
#    ("casgstatus: waiting for Gwaiting but is Grunnable"); our functions
#    carry the same names on purpose.
#  MACRO_ARG_PRECEDENCE, MACRO_ARG_REUSE: gstat_inc() and DEFAULT() take a
#    member name, which cannot be parenthesized; IOCTL_OP() uses its
#    constant ioctl number twice, as iommufd's table does.
# COMPLEX_MACRO, in the uapi header only: GCSCHED_CONFIG_RANGES() is an
#   X-macro list, which parentheses would break.
# The trace header follows the TRACE_EVENT() layout of include/trace/events,
# which --strict's alignment checks do not know, and generates its
# TRACE_DEFINE_ENUM() lines and symbolic lists from the uapi name lists
# (X-macros again, each taking the columns it needs).
KMOD_SRCS = $(filter-out %.mod.c kmod/gcsched_trace.h kmod/counters.h,$(wildcard kmod/*.c kmod/*.h))
CHECKPATCH_IGNORE := CAMELCASE,EMBEDDED_FUNCTION_NAME,MACRO_ARG_PRECEDENCE,MACRO_ARG_REUSE
CHECKPATCH_FLAGS := --strict --no-tree --terse --show-types --ignore $(CHECKPATCH_IGNORE)
# Each supported kernel's checkpatch: their rules differ.
checkpatch: $(foreach v,$(SERIES),$(call ksrc_of,$(v))/.extracted)
	set -e; for v in $(SERIES); do \
		cp=$(BUILD)/linux-source-$$v/scripts/checkpatch.pl; \
		echo "checkpatch of $$v"; \
		$$cp $(CHECKPATCH_FLAGS) -f $(KMOD_SRCS); \
		$$cp $(CHECKPATCH_FLAGS),COMPLEX_MACRO -f include/uapi/linux/gcsched.h; \
		$$cp $(CHECKPATCH_FLAGS),COMPLEX_MACRO,TRAILING_SEMICOLON,MACRO_ARG_UNUSED -f kmod/counters.h; \
		$$cp $(CHECKPATCH_FLAGS),OPEN_ENDED_LINE,PARENTHESIS_ALIGNMENT,COMPLEX_MACRO,TRAILING_SEMICOLON,MACRO_ARG_UNUSED -f kmod/gcsched_trace.h; \
	done

# sparse and W=1: force a rebuild of every object, fail on any diagnostic.
sparse:
	@command -v sparse >/dev/null || { echo "sparse missing: make deps" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean >/dev/null
	$(MAKE) -C $(KDIR) M=$(CURDIR) C=1 modules 2>&1 | tee $(BUILD)/sparse.log
	@! grep -E 'warning:|error:' $(BUILD)/sparse.log

w1:
	@mkdir -p $(BUILD)
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean >/dev/null
	$(MAKE) -C $(KDIR) M=$(CURDIR) W=1 modules 2>&1 | tee $(BUILD)/w1.log
	@! grep -E 'warning:|error:' $(BUILD)/w1.log

# kernel-doc on every non-static function: -none prints only problems.
kernel-doc: ksrc
	@$(KERNEL_DOC) -none -Werror $(filter-out %.mod.c,$(wildcard kmod/*.c kmod/*.h)) include/uapi/linux/gcsched.h 2>&1 | tee $(BUILD)/kernel-doc.log
	@! grep -q . $(BUILD)/kernel-doc.log

VM := ./selftests/vm/run-vm.sh
# Recursive, as KERNEL: expanded in a recipe, after deps (a := here read
# an empty version on a fresh machine: "no kernel at /boot/vmlinuz-").
VM_ENV = BUILD=$(BUILD) KERNEL=$(KERNEL) SMP=$(SMP) MEM=$(MEM) \
	MODULE=$(MODULE) TOOL=$(TOOL) SELFTESTS=$(SELFTESTS_OUT) \
	KSFT=$(KSFT) TIMEOUT_BIN=$(TIMEOUT_BIN)

# The VM gets the module and the tool as `make install` puts them (STAGE).
STAGE := $(BUILD)/stage
check: deps
	$(MAKE) all selftests
	$(MAKE) lint
	$(MAKE) model
	$(MAKE) collection
	$(MAKE) model-replay
	$(MAKE) timeline-check
	$(MAKE) bench QUICK=1

# Failures drawn (run --timeline, --svg) in the VM, checked outside it as
# a trace viewer and a person would see them (selftests/vm/timeline-check.py:
# the JSON's events and spans, the SVG rendered with rsvg-convert).
TIMELINE_OUT := $(BUILD)/timeline
TIMELINE_LABELS := "throw:Gwaiting -> Grunnable by the netpoller|casgstatus(Gwaiting -> Gcopystack) finds Grunnable: throw" \
	"wedge:Gwaiting -> Grunnable by the netpoller|casgstatus(Gwaiting -> Gcopystack) spins" \
	"dup-chan-shrink:Gwaiting -> Gscanwaiting by the GC|deadlock: syncadjustsudogs" healthy
timeline-check: deps
	$(MAKE) all selftests
	$(VM_ENV) EXTRA_DIR=$(CURDIR)/selftests/vm/guest OUT_DIR=$(TIMELINE_OUT) \
		$(VM) shell timeline-job.sh check
	python3 selftests/vm/timeline-check.py $(TOOL) $(TIMELINE_OUT) $(TIMELINE_LABELS)

# The README's pictures (docs/timeline/): natural failures, drawn in the VM.
timeline-pictures: deps
	$(MAKE) all selftests
	$(VM_ENV) EXTRA_DIR=$(CURDIR)/selftests/vm/guest OUT_DIR=$(TIMELINE_OUT)-pictures \
		$(VM) shell timeline-job.sh pictures
	python3 selftests/vm/timeline-check.py $(TOOL) $(TIMELINE_OUT)-pictures \
		"go1.4-buggy-9186:Gwaiting -> Grunnable by the netpoller|casgstatus(Gwaiting -> Gcopystack) spins" \
		dup-chan-shrink
	mkdir -p docs/timeline
	cp $(TIMELINE_OUT)-pictures/*.svg docs/timeline/

# The formal model (model/): spin on each policy, the trail of the buggy
# one, the model's moves against the uapi header's table. NG, NM, K: the
# bounds (2 Gs, 2 Ms, 2 GC cycles).
model: deps
	BUILD=$(BUILD) ./model/check.sh

# The model against the collection's real wedges: the windows
# selftests/gcsched/model_trace.sh printed on its console (CONSOLE).
model-replay: deps
	BUILD=$(BUILD) ./model/replay.sh $(CONSOLE)

# Regenerate model/transitions.pml from the uapi header (committed: make
# model fails while it is stale).
model-tables:
	cc -Wall -Wextra -Werror -Iinclude/uapi -o $(BUILD)/gentab model/gentab.c
	$(BUILD)/gentab > model/transitions.pml

# The collection alone: the kselftests in the VM, nothing else (CI runs it
# for the second kernel: make collection KVER=6.12).
collection: deps
	$(MAKE) all selftests
	rm -rf $(STAGE)
	$(MAKE) install DESTDIR=$(STAGE) PREFIX=/usr
	$(VM_ENV) STAGE=$(STAGE) $(VM) check

demo: deps
	$(MAKE) all selftests
	$(VM_ENV) OUT_DIR=$(BUILD)/demo $(VM) demo $(ARGS)
	@[ ! -f $(BUILD)/demo/repro.svg ] || \
		echo "The buggy run's timeline, drawn: $(BUILD)/demo/repro.svg (open it in a browser; the events as Chrome trace JSON, for Perfetto: $(BUILD)/demo/repro.json)"

# The same VM, an interactive shell on its console, the module loaded.
shell: deps
	$(MAKE) all selftests
	$(VM_ENV) $(VM) shell

# A kernel of debug-kernel.sh's (debug: KASAN, lockdep, kmemleak, UBSAN,
# GCOV_KERNEL; kcsan: KCSAN), built once and cached in ~/.cache/gcsched,
# and the module built against it in a copy, so the normal build stays:
#   $(call variant_module,VARIANT,DIR[,MAKE ARGS])
define variant_module
	./selftests/vm/debug-kernel.sh $(1) > $(BUILD)/$(1)-kernel.path
	rm -rf $(2) && mkdir -p $(2)
	cp -r Kbuild kmod include $(2)/
	$(MAKE) -C $$(tail -n 1 $(BUILD)/$(1)-kernel.path) M=$(2) $(3) modules
endef
variant_kernel = $$(tail -n 1 $(BUILD)/$(1)-kernel.path)/arch/x86/boot/bzImage

# The debug-kernel lane: the whole collection on the debug kernel, the
# config-space test time-boxed to a seeded minute.
DEBUG_MOD := $(BUILD)/debug-mod
DEBUG_VM_ENV = $(VM_ENV) KERNEL=$(call variant_kernel,debug) \
	MODULE=$(DEBUG_MOD)/kmod/gcsched.ko MEM=2048
check-debug: deps
	$(MAKE) tool selftests
	$(call variant_module,debug,$(DEBUG_MOD))
	$(DEBUG_VM_ENV) KMEMLEAK=1 VM_TIMEOUT=3000 SLOW=1 $(VM) check

# The KCSAN lane, outside CI: the collection on a KCSAN kernel of its own
# (KCSAN excludes KASAN), ending with a canary race that KCSAN must report.
# A KCSAN report that names gcsched fails it; one elsewhere is listed.
KCSAN_MOD := $(BUILD)/kcsan-mod
check-kcsan: deps
	$(MAKE) tool selftests
	$(call variant_module,kcsan,$(KCSAN_MOD))
	$(VM_ENV) KERNEL=$(call variant_kernel,kcsan) MODULE=$(KCSAN_MOD)/kmod/gcsched.ko \
		MEM=2048 KCSAN=1 VM_TIMEOUT=3000 SLOW=1 $(VM) check

# Line coverage of kmod/, outside CI: the module built with GCOV_PROFILE
# against the debug kernel, the collection (with its fuzz run) in the VM,
# the .gcda files taken off the console, lcov.
COV_MOD := $(BUILD)/cov-mod
coverage: deps
	$(MAKE) tool selftests
	$(call variant_module,debug,$(COV_MOD),GCOV_PROFILE=y)
	-$(VM_ENV) KERNEL=$(call variant_kernel,debug) MODULE=$(COV_MOD)/kmod/gcsched.ko \
		MEM=2048 GCOV=1 VM_TIMEOUT=3000 SLOW=1 $(VM) check
	./selftests/vm/gcov-data.sh $(BUILD)/vm/console-check.log $(COV_MOD)
	lcov --quiet --capture --directory $(COV_MOD)/kmod \
		--base-directory $$(tail -n 1 $(BUILD)/debug-kernel.path) \
		--gcov-tool gcov --output-file $(BUILD)/coverage-all.info
	lcov --quiet --extract $(BUILD)/coverage-all.info '*/kmod/*.c' \
		--output-file $(BUILD)/coverage.info
	lcov --list $(BUILD)/coverage.info
	@echo "lines not reached:"
	@awk -F'[:,]' '/^SF:/ { f = $$2; sub(".*/kmod/", "kmod/", f) } \
		/^DA:/ && $$3 == 0 { miss[f] = miss[f] " " $$2 } \
		END { for (f in miss) print "  " f ":" miss[f] }' $(BUILD)/coverage.info | sort

# The collection REPEAT times in one boot: a flaky test is a bug.
REPEAT ?= 20
flake: deps
	$(MAKE) all selftests
	$(VM_ENV) REPEAT=$(REPEAT) VM_TIMEOUT=$$(( $(REPEAT) * 600 + 300 )) $(VM) check

# Issue 11's soft lockup on demand, and the evidence that it is the
# emulator's (see the script): three boots, about 10 minutes.
TOGGLES ?= 600
textpoke-repro: deps
	$(MAKE) all selftests
	$(VM_ENV) VM=$(VM) TOGGLES=$(TOGGLES) ./selftests/vm/textpoke-repro.sh

# Benchmarks: numbers, never a pass/fail. QUICK=1 is the short version
# make check runs; the full one adds time to failure, throughput and Go at
# 2 and 8 vCPUs.
bench: deps
	$(MAKE) all selftests
	BUILD=$(BUILD) VM_ENV="$(VM_ENV)" QUICK=$(QUICK) SMP=$(SMP) ./bench/bench.sh

# The microbenchmark of the module at BASE and of the work tree, in one
# boot: how a change to the hot path is measured (bench/ab.sh).
bench-ab: deps
	$(MAKE) all
	BUILD=$(BUILD) VM_ENV="$(VM_ENV)" KDIR=$(KDIR) BASE=$(BASE) SMP=$(SMP) ./bench/ab.sh

DURATION ?= 600
SEED ?= 1
# DEBUG=1: on the debug kernel (KASAN, lockdep, kmemleak, UBSAN)
fuzz: deps
	$(MAKE) all selftests
	$(if $(filter 1,$(DEBUG)),$(call variant_module,debug,$(DEBUG_MOD)))
	$(if $(filter 1,$(DEBUG)),$(DEBUG_VM_ENV),$(VM_ENV)) \
		VM_TIMEOUT=$$(( $(DURATION) * 2 + 300 )) $(VM) shell \
		'cd /kselftest/gcsched && FUZZ_SECONDS=$(DURATION) FUZZ_SEED=$(SEED) ./fuzz_test.sh'

soak: deps
	$(MAKE) all selftests
	$(VM_ENV) VM_TIMEOUT=$$(( $(DURATION) + 300 )) $(VM) shell \
		'SOAK_SECONDS=$(DURATION) /kselftest/gcsched/soak.sh'

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	rm -rf $(BUILD) $(TOOL)
