# SPDX-License-Identifier: GPL-2.0
#
# gcsched: build the module, the tool and the selftests, and run them in a
# VM. `make help` lists the targets. Out-of-tree module build as in the
# kernel's Documentation/kbuild/modules.rst; the Kbuild file beside this one
# says what the module is made of.

# The kernel the VM boots, and the headers the module is built against.
# A machine that can load modules builds for itself; otherwise for the
# newest Debian amd64 kernel installed, which is what the VM boots. VM_KVER
# is expanded where it is used, never when the Makefile is read: on a fresh
# machine the kernel is installed by `deps`, a prerequisite of the targets
# that use it.
HOST_KDIR := /lib/modules/$(shell uname -r)/build
ifneq ($(wildcard $(HOST_KDIR)/Makefile),)
KDIR ?= $(HOST_KDIR)
KERNEL ?= /boot/vmlinuz-$(shell uname -r)
else
VM_KVER = $(shell ls /boot/vmlinuz-*-amd64 2>/dev/null | sed 's,.*/vmlinuz-,,' | sort -V | tail -n 1)
KDIR ?= /usr/src/linux-headers-$(VM_KVER)
KERNEL ?= /boot/vmlinuz-$(VM_KVER)
endif

BUILD ?= $(CURDIR)/build
SMP ?= 4
MEM ?= 1024
KSRC_TAR ?= /usr/src/linux-source-6.1.tar.xz
KSRC := $(BUILD)/linux-source-6.1
KSFT := $(KSRC)/tools/testing/selftests
CHECKPATCH := $(KSRC)/scripts/checkpatch.pl
KERNEL_DOC := $(KSRC)/scripts/kernel-doc

CC ?= gcc
UCFLAGS := -O2 -g -Wall -Wextra -Werror -static -I$(CURDIR)/include/uapi

# Every Debian package the project needs; `make deps` installs the missing.
DEPS := linux-image-amd64 linux-headers-amd64 linux-source-6.1 \
	qemu-system-x86 busybox-static cpio kmod sparse build-essential \
	bc flex bison libelf-dev libssl-dev xz-utils python3 man-db \
	golang-go gnuplot-nox lcov

MODULE := kmod/gcsched.ko
TOOL := userspace/gcschedctl
SELFTESTS_OUT := $(BUILD)/selftests/gcsched
TIMEOUT_BIN := $(BUILD)/vm/timeout

.PHONY: all module tool selftests deps ksrc check lint checkpatch sparse \
	w1 kernel-doc demo bench fuzz soak check-debug check-kcsan flake coverage \
	clean help

all: module tool selftests

help:
	@echo "make            build kmod/gcsched.ko, userspace/gcschedctl and the selftests"
	@echo "make deps       install the Debian packages this needs (root)"
	@echo "make check      deps, build, lint, the kselftests in a VM, a short bench"
	@echo "make demo       the seed's experiment in a VM (ARGS='run --policy modern ...')"
	@echo "make bench      the benchmark suite in a VM, with the real Go runtime (QUICK=1: short)"
	@echo "make check-debug  the tests on a KASAN/lockdep/kmemleak kernel, built once"
	@echo "make check-kcsan  the tests on a KCSAN kernel, built once, with a canary race"
	@echo "make flake      the collection REPEAT (20) times in one boot"
	@echo "make coverage   line coverage of kmod/ from the collection (lcov)"
	@echo "make fuzz       the fuzzer in a VM for DURATION seconds (600), SEED (1), DEBUG=1"
	@echo "make soak       fixed and modern, widest window, with the fuzzer (DURATION=600)"
	@echo "make lint       checkpatch --strict, sparse (C=1), W=1, kernel-doc"
	@echo "make clean      remove all build output"
	@echo "Variables: KDIR=$(KDIR) KERNEL=$(KERNEL) SMP=$(SMP) MEM=$(MEM)"

module:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

tool: $(TOOL)

$(TOOL): userspace/gcschedctl.c include/uapi/linux/gcsched.h
	$(CC) $(UCFLAGS) -o $@ $< -lm

# The selftests build with the kernel's own lib.mk, from the extracted tree.
selftests: $(KSRC)/.extracted $(TIMEOUT_BIN)
	@mkdir -p $(SELFTESTS_OUT)
	$(MAKE) -C selftests/gcsched OUTPUT=$(SELFTESTS_OUT) \
		KSFT_DIR=$(KSFT) UAPI_DIR=$(CURDIR)/include/uapi

$(TIMEOUT_BIN): selftests/vm/timeout.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -Wall -static -o $@ $<

# Only what we use of the kernel tree, extracted once, never committed.
ksrc: $(KSRC)/.extracted
$(KSRC)/.extracted: | $(KSRC_TAR)
	@mkdir -p $(BUILD)
	tar -C $(BUILD) -xf $(KSRC_TAR) \
		linux-source-6.1/tools/testing/selftests/kselftest.h \
		linux-source-6.1/tools/testing/selftests/kselftest_harness.h \
		linux-source-6.1/tools/testing/selftests/lib.mk \
		linux-source-6.1/tools/testing/selftests/run_kselftest.sh \
		linux-source-6.1/tools/testing/selftests/kselftest \
		linux-source-6.1/scripts/checkpatch.pl \
		linux-source-6.1/scripts/spelling.txt \
		linux-source-6.1/scripts/const_structs.checkpatch \
		linux-source-6.1/scripts/kernel-doc
	touch $@

$(KSRC_TAR):
	@echo "$@ is missing: run 'make deps' (as root) first" >&2; exit 1

deps:
	@./selftests/vm/deps.sh $(DEPS)

# Lint: each tool must report nothing.
lint: checkpatch sparse w1 kernel-doc

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
# which --strict's alignment checks do not know.
KMOD_SRCS = $(filter-out %.mod.c kmod/gcsched_trace.h,$(wildcard kmod/*.c kmod/*.h))
CHECKPATCH_IGNORE := CAMELCASE,EMBEDDED_FUNCTION_NAME,MACRO_ARG_PRECEDENCE,MACRO_ARG_REUSE
CHECKPATCH_FLAGS := --strict --no-tree --terse --show-types --ignore $(CHECKPATCH_IGNORE)
checkpatch: $(KSRC)/.extracted
	$(CHECKPATCH) $(CHECKPATCH_FLAGS) -f $(KMOD_SRCS)
	$(CHECKPATCH) $(CHECKPATCH_FLAGS),COMPLEX_MACRO -f include/uapi/linux/gcsched.h
	$(CHECKPATCH) $(CHECKPATCH_FLAGS),OPEN_ENDED_LINE,PARENTHESIS_ALIGNMENT -f kmod/gcsched_trace.h

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
kernel-doc: $(KSRC)/.extracted
	@$(KERNEL_DOC) -none -Werror $(filter-out %.mod.c,$(wildcard kmod/*.c kmod/*.h)) include/uapi/linux/gcsched.h 2>&1 | tee $(BUILD)/kernel-doc.log
	@! grep -q . $(BUILD)/kernel-doc.log

VM := ./selftests/vm/run-vm.sh
VM_ENV := BUILD=$(BUILD) KERNEL=$(KERNEL) SMP=$(SMP) MEM=$(MEM) \
	MODULE=$(MODULE) TOOL=$(TOOL) SELFTESTS=$(SELFTESTS_OUT) \
	KSFT=$(KSFT) TIMEOUT_BIN=$(TIMEOUT_BIN)

check: deps
	$(MAKE) all
	$(MAKE) lint
	$(VM_ENV) $(VM) check
	$(MAKE) bench QUICK=1

demo: deps
	$(MAKE) all
	$(VM_ENV) $(VM) demo $(ARGS)

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
	$(MAKE) all
	$(VM_ENV) REPEAT=$(REPEAT) VM_TIMEOUT=$$(( $(REPEAT) * 600 + 300 )) $(VM) check

# Benchmarks: numbers, never a pass/fail. QUICK=1 is the short version
# make check runs; the full one adds time to failure, throughput and Go at
# 2 and 8 vCPUs.
bench: deps
	$(MAKE) all
	BUILD=$(BUILD) VM_ENV="$(VM_ENV)" QUICK=$(QUICK) SMP=$(SMP) ./bench/bench.sh

DURATION ?= 600
SEED ?= 1
# DEBUG=1: on the debug kernel (KASAN, lockdep, kmemleak, UBSAN)
fuzz: deps
	$(MAKE) all
	$(if $(filter 1,$(DEBUG)),$(call variant_module,debug,$(DEBUG_MOD)))
	$(if $(filter 1,$(DEBUG)),$(DEBUG_VM_ENV),$(VM_ENV)) \
		VM_TIMEOUT=$$(( $(DURATION) * 2 + 300 )) $(VM) shell \
		'cd /kselftest/gcsched && FUZZ_SECONDS=$(DURATION) FUZZ_SEED=$(SEED) ./fuzz_test.sh'

soak: deps
	$(MAKE) all
	$(VM_ENV) VM_TIMEOUT=$$(( $(DURATION) + 300 )) $(VM) shell \
		'SOAK_SECONDS=$(DURATION) /kselftest/gcsched/soak.sh'

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	rm -rf $(BUILD) $(TOOL)
