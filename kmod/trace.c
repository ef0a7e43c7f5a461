// SPDX-License-Identifier: GPL-2.0
/*
 * The one file that instantiates gcsched's tracepoints, as
 * samples/trace_events does.
 */
#include "gcsched.h"

#define CREATE_TRACE_POINTS
#include "gcsched_trace.h"
