# SPDX-License-Identifier: GPL-2.0
#
# gcsched: build the module, the tool and the selftests, and run them in a
# VM. `make help` lists the targets. Out-of-tree module build as in the
# kernel's Documentation/kbuild/modules.rst; the Kbuild file beside this one
# says what the module is made of.

# The kernel the VM boots, and the headers the module is built against.
# A machine that can load modules builds for itself; otherwise for the
# newest Debian amd64 kernel installed, which is what the VM boots.
HOST_KDIR := /lib/modules/$(shell uname -r)/build
ifneq ($(wildcard $(HOST_KDIR)/Makefile),)
KDIR ?= $(HOST_KDIR)
KERNEL ?= /boot/vmlinuz-$(shell uname -r)
else
VM_KVER := $(shell ls /boot/vmlinuz-*-amd64 2>/dev/null | sed 's,.*/vmlinuz-,,' | sort -V | tail -n 1)
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
	golang-go gnuplot-nox

MODULE := kmod/gcsched.ko
TOOL := userspace/gcschedctl
SELFTESTS_OUT := $(BUILD)/selftests/gcsched
TIMEOUT_BIN := $(BUILD)/vm/timeout

.PHONY: all module tool selftests deps ksrc check lint checkpatch sparse \
	w1 kernel-doc demo bench fuzz soak check-debug clean help

all: module tool selftests

help:
	@echo "make            build kmod/gcsched.ko, userspace/gcschedctl and the selftests"
	@echo "make deps       install the Debian packages this needs (root)"
	@echo "make check      deps, build, lint, the kselftests in a VM, a short bench"
	@echo "make demo       the seed's experiment in a VM (ARGS='run --policy modern ...')"
	@echo "make bench      the benchmark suite in a VM, with the real Go runtime (QUICK=1: short)"
	@echo "make check-debug  the tests on a KASAN/lockdep/kmemleak kernel, built once"
	@echo "make fuzz       the fuzzer in a VM for DURATION seconds (600)"
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

# The debug-kernel lane: a KASAN, lockdep, kmemleak, UBSAN kernel built
# once and cached in ~/.cache/gcsched, the module built against it (in a
# copy, so the normal build stays), and the whole collection run on it.
DEBUG_MOD := $(BUILD)/debug-mod
check-debug: deps
	$(MAKE) tool selftests
	./selftests/vm/debug-kernel.sh > $(BUILD)/debug-kernel.path
	rm -rf $(DEBUG_MOD) && mkdir -p $(DEBUG_MOD)
	cp -r Kbuild kmod include $(DEBUG_MOD)/
	$(MAKE) -C $$(tail -n 1 $(BUILD)/debug-kernel.path) M=$(DEBUG_MOD) modules
	$(VM_ENV) KERNEL=$$(tail -n 1 $(BUILD)/debug-kernel.path)/arch/x86/boot/bzImage \
		MODULE=$(DEBUG_MOD)/kmod/gcsched.ko MEM=2048 KMEMLEAK=1 VM_TIMEOUT=3000 \
		$(VM) check

# Benchmarks: numbers, never a pass/fail. QUICK=1 is the short version
# make check runs; the full one adds time to failure, throughput and Go at
# 2 and 8 vCPUs.
bench: deps
	$(MAKE) all
	BUILD=$(BUILD) VM_ENV="$(VM_ENV)" QUICK=$(QUICK) SMP=$(SMP) ./bench/bench.sh

DURATION ?= 600
fuzz: deps
	$(MAKE) all
	$(VM_ENV) VM_TIMEOUT=$$(( $(DURATION) + 300 )) $(VM) shell \
		'cd /kselftest/gcsched && FUZZ_SECONDS=$(DURATION) FUZZ_SEED=$${SEED:-1} ./fuzz_test.sh'

soak: deps
	$(MAKE) all
	$(VM_ENV) VM_TIMEOUT=$$(( $(DURATION) + 300 )) $(VM) shell \
		'SOAK_SECONDS=$(DURATION) /kselftest/gcsched/soak.sh'

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	rm -rf $(BUILD) $(TOOL)
