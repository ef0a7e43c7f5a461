// SPDX-License-Identifier: GPL-2.0
/*
 * gcschedctl info: the module's version, ABI, limits and policies.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gcschedctl.h"

int cmd_info(int argc, char **argv)
{
	const struct gcsched_info *info;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json")) {
			json = true;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			puts("usage: gcschedctl info [--json]\nThe module's version, ABI, limits and policies.");
			return EXIT_HEALTHY;
		} else {
			die("info: unknown option '%s' (see gcschedctl info --help)", argv[i]);
		}
	}
	info = need_info();
	if (json) {
		/* The module's strings are escaped: they are not ours. */
		char name[sizeof(info->module_version)];

		printf("{");
		json_str("version", GCSCHED_VERSION, true);
		memcpy(name, info->module_version, sizeof(name));
		name[sizeof(name) - 1] = 0;
		json_str("module_version", name, true);
		printf("\"abi_version\": %u, \"max_tasks\": %u, \"max_stack_mib\": %u, \"max_instances\": %u, \"max_workers\": %u, \"online_cpus\": %u, \"max_mem_mib\": %u, \"policies\": [",
		       info->abi_version, info->max_tasks,
		       info->max_stack_mib, info->max_instances, info->max_workers,
		       info->online_cpus, info->max_mem_mib);
		for (uint32_t i = 0; i < info->nr_policies && i < GCSCHED_NR_POLICIES; i++) {
			char p[sizeof(info->policy_names[0]) + 1];

			memcpy(p, GCSCHED_INFO_POLICY_NAME(info, i), sizeof(info->policy_names[0]));
			p[sizeof(p) - 1] = 0;
			printf("%s\"", i ? ", " : "");
			json_chars(p);
			printf("\"");
		}
		printf("]}\n");
		return EXIT_HEALTHY;
	}
	printf("gcsched %s, ABI %u\n", info->module_version, info->abi_version);
	printf("limits: max_tasks %u Gs, max_stack_mib %u MiB, max_instances %u, max_workers %u\n",
	       info->max_tasks, info->max_stack_mib, info->max_instances, info->max_workers);
	printf("online CPUs (default workers): %u\n", info->online_cpus);
	/* need_info() checked that the module's names are ours */
	printf("policies:\n");
	for (uint32_t i = 0; i < GCSCHED_NR_POLICIES; i++)
		printf("  %s: %s\n", policy_names[i], policy_descs[i]);
	return EXIT_HEALTHY;
}
