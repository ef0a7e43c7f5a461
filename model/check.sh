#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make model: spin on model/gcsched.pml for each policy, within the
# bounds below. Prints, per policy, the verdict with its bounds and state
# counts (go1.4-buggy's counterexample as an interleaving), then whether
# the collector finishes (liveness, weak fairness), then whether
# the model's moves and the uapi header's table agree, then that a broken
# go1.4-fixed (casgcopystack accepting only Gwaiting) is caught. Fails on
# any other outcome, or if model/transitions.pml is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${BUILD:=build}"
NG=${NG:-2} NM=${NM:-2} K=${K:-2}
work=$BUILD/model
rm -rf "$work"
mkdir -p "$work"
cc -Wall -Wextra -Werror -Iinclude/uapi -o "$work/gentab" model/gentab.c
"$work/gentab" > "$work/transitions.pml"
if ! cmp -s "$work/transitions.pml" model/transitions.pml; then
	echo "model: model/transitions.pml is stale: run make model-tables" >&2
	exit 1
fi
cp model/gcsched.pml model/transitions.pml "$work/"
bounds="$NG Gs, $NM Ms, $K GC cycles"
fail=0

# pan for policy $1 (with extra -D flags $2), in $work/$1: verdict output
verify() {
	local d=$work/$1
	mkdir -p "$d"
	cp "$work"/*.pml "$d/"
	(cd "$d" && spin -DPOLICY_$1 $2 -DNG="$NG" -DNM="$NM" -DK="$K" -a gcsched.pml >/dev/null &&
	 gcc -O2 -DSAFETY -o pan pan.c && ./pan -m10000000 > verdict.txt 2>&1) || true
	# the same search again, printing every move (-DPRINTF), all errors (-c0)
	(cd "$d" && gcc -O2 -DSAFETY -DPRINTF -o panp pan.c &&
	 ./panp -m10000000 -c0 2>/dev/null | grep -o 'MODEL-TRANSITION [0-9]* [0-9]*' |
		sort -u > moves.txt) || true
}
# "MODEL-TRANSITION f t" lines as "Gfrom -> Gto", by Go's names
names() {
	echo "$1" | python3 -B -c 'import sys; sys.path.insert(0, "model"); import narrate
print(", ".join("%s -> %s" % (narrate.status(w[1]), narrate.status(w[2]))
                for w in (l.split() for l in sys.stdin) if len(w) == 3))'
}
# pan stopped short of the whole state space: no verdict
incomplete() {
	grep -Eq "Search not completed|max search depth too small|out of memory|MEMLIM" "$1"
}
errors() { sed -n 's/.*errors: \([0-9]*\).*/\1/p' "$1" | head -n 1; }
states() { awk '/states, stored/ { print $1; exit }' "$1"; }
secs() { sed -n 's/^pan: elapsed time \([0-9.e+-]*\) seconds.*/\1/p' "$1" | head -n 1; }

for p in GO14_BUGGY GO14_FIXED MODERN; do
	verify $p ""
	v=$work/$p/verdict.txt
	name=$(echo $p | tr 'A-Z_' 'a-z.' | sed 's/go14/go1.4/; s/\.buggy/-buggy/; s/\.fixed/-fixed/')
	if [ "$p" = GO14_BUGGY ]; then
		trail=$( (cd "$work/$p" && spin -DPOLICY_$p -DNG="$NG" -DNM="$NM" -DK="$K" \
			-t gcsched.pml) | python3 -B model/narrate.py)
		# a wedge, with the netpoller's wakeup in it: not any error
		if [ "$(errors $v)" = 1 ] && grep -q "^pan:1: invalid end state" $v &&
		   echo "$trail" | grep -q ". netpoll: casgstatus" &&
		   echo "$trail" | tail -n 1 | grep -q "spins forever"; then
			echo "$name: counterexample (a wedge: an invalid end state; $bounds):"
			echo "$trail" | sed 's/^/   /'
		else
			echo "$name: NO counterexample ($bounds): the model misses the 9186 wedge" >&2
			fail=1
		fi
	elif [ "$(errors $v)" = 0 ] && ! incomplete $v; then
		echo "$name: verified ($bounds): no wedge, no throw, $(states $v) states, $(secs $v) s"
	else
		echo "$name: ERROR ($bounds):" >&2
		grep "^pan:" $v >&2
		(cd "$work/$p" && spin -DPOLICY_$p -DNG="$NG" -DNM="$NM" -DK="$K" -t gcsched.pml) |
			python3 model/narrate.py --all | tail -n 20 >&2
		fail=1
	fi
done

# Liveness: does the collector finish its K cycles (ltl gc_ends, weak
# fairness)? go1.4-fixed must; modern must under its assumption (the
# collector wins a race for a G it is offered infinitely often: see
# LIVENESS in gcsched.pml); go1.4-buggy must not (its wedge); and modern
# with Ms that never heed suspendG must not (a check that can fail).
live() {
	local d=$work/live-$1
	mkdir -p "$d"
	cp "$work"/*.pml "$d/"
	(cd "$d" && spin -DPOLICY_$2 $3 -DLIVENESS -DNG="$NG" -DNM="$NM" -DK="$K" -a gcsched.pml >/dev/null &&
	 gcc -O2 -DNFAIR=$((NM + 4)) -o pan pan.c && ./pan -a -f -m10000000 > verdict.txt 2>&1) || true
	if grep -q "acceptance cycle" "$d/verdict.txt"; then
		echo "never"
	elif [ "$(errors "$d/verdict.txt")" = 0 ] && ! incomplete "$d/verdict.txt"; then
		echo "always ($(states "$d/verdict.txt") states, $(secs "$d/verdict.txt") s)"
	else
		echo "ERROR: $(grep '^pan' "$d/verdict.txt" | head -n 2 | tr '\n' ' ')"
	fi
}
v=$(live fixed GO14_FIXED "")
case $v in
always*) echo "go1.4-fixed: the collector always finishes (weak fairness; $bounds): ${v#always }" ;;
*) echo "go1.4-fixed: liveness: $v (want always)" >&2; fail=1 ;;
esac
v=$(live modern MODERN "")
case $v in
always*) echo "modern: the collector always finishes if it wins a race it is offered infinitely often ($bounds): ${v#always }" ;;
*) echo "modern: liveness: $v (want always)" >&2; fail=1 ;;
esac
v=$(live buggy GO14_BUGGY "")
case $v in
never) echo "go1.4-buggy: the collector need not finish (the wedge: an accepting cycle)" ;;
*) echo "go1.4-buggy: liveness: $v (want a counterexample)" >&2; fail=1 ;;
esac
v=$(live broken MODERN -DBROKEN_PREEMPTPARK)
case $v in
never) echo "modern with Ms that never heed suspendG's request: caught (the collector need not finish)" ;;
*) echo "model: modern with Ms that ignore suspendG was NOT caught: $v" >&2; fail=1 ;;
esac

# Every move a path made is in the era's table (the model asserts it),
# and every row of the table is a move some path made.
for era in GO14 MODERN; do
	case $era in
	GO14) got=$(cat "$work"/GO14_BUGGY/moves.txt "$work"/GO14_FIXED/moves.txt | sort -u) ;;
	MODERN) got=$(sort -u "$work"/MODERN/moves.txt) ;;
	esac
	want=$(awk -v e=$era '$2 == "ROW" && $3 == e { print "MODEL-TRANSITION", $4, $5 }' \
		model/transitions.pml | sort -u)
	extra=$(comm -13 <(echo "$want") <(echo "$got"))
	unreached=$(comm -23 <(echo "$want") <(echo "$got"))
	if [ -n "$extra" ] || [ -n "$unreached" ]; then
		echo "transitions ($era): model and table DISAGREE" >&2
		[ -n "$extra" ] && echo "  moves not in the table: $(names "$extra")" >&2
		[ -n "$unreached" ] &&
			echo "  rows no path reaches (no actor of the model makes them): $(names "$unreached")" >&2
		fail=1
	else
		echo "transitions ($era): model and table agree, $(echo "$want" | wc -l) rows"
	fi
done

# The tight-loop scenario (SPINNER: the last G runs for { i++ }): with no
# asynchronous preemption (go1.4-fixed; modern-noasync, NOASYNC) an M
# running it never reaches a safe point, so a stop or a suspendG waits for
# ever (an invalid end state); modern's preemption signal ends it.
spinner() {
	set -- "$1" "$2" "${3:-}"
	local d=$work/spin-$1
	mkdir -p "$d"
	cp "$work"/*.pml "$d/"
	(cd "$d" && spin -DPOLICY_$2 $3 -DSPINNER -DNG=2 -DNM="$NM" -DK="$K" -a gcsched.pml >/dev/null &&
	 gcc -O2 -DSAFETY -o pan pan.c && ./pan -m10000000 > verdict.txt 2>&1) || true
	if [ "$(errors "$d/verdict.txt")" = 0 ] && ! incomplete "$d/verdict.txt"; then
		echo "verified ($(states "$d/verdict.txt") states, $(secs "$d/verdict.txt") s)"
	elif grep -q "^pan:1: invalid end state" "$d/verdict.txt"; then
		(cd "$d" && spin -DPOLICY_$2 $3 -DSPINNER -DNG=2 -DNM="$NM" -DK="$K" -t gcsched.pml) |
			python3 -B model/narrate.py > "$d/trail.txt"
		if tail -n 1 "$d/trail.txt" | grep -q "for { i++ }, no safe point"; then
			echo "counterexample"
		else
			echo "ERROR: another deadlock: $(tail -n 1 "$d/trail.txt")"
		fi
	else
		echo "ERROR: $(grep '^pan' "$d/verdict.txt" | head -n 2 | tr '\n' ' ')"
	fi
}
sbounds="1 G + 1 spinner, $NM Ms, $K GC cycles"
for v in "fixed GO14_FIXED" "noasync MODERN -DNOASYNC" "modern MODERN"; do
	set -- $v
	r=$(spinner "$@")
	name=$([ "$1" = fixed ] && echo go1.4-fixed || ([ "$1" = noasync ] && echo modern-noasync) || echo modern)
	case $1:$r in
	fixed:counterexample|noasync:counterexample)
		echo "tight-loop, $name: counterexample (a stop or suspendG that never completes; $sbounds):"
		sed 's/^/   /' "$work/spin-$1/trail.txt" ;;
	modern:verified*)
		echo "tight-loop, modern: $r: no stop or suspendG waits for ever ($sbounds)" ;;
	*)
		echo "tight-loop, $name: $r (want $([ "$1" = modern ] && echo verified || echo a counterexample))" >&2
		fail=1 ;;
	esac
done

# The select-grow race (Go issue 17007; model/select.pml): before its fix
# a second waker claims the select on the new stack copystack has not
# filled yet and readies a Gcopystack G ("bad g->status in ready"); with
# b902a63 (no growth in sellock) no path throws. The model of the
# scenarios issue's next row, ahead of the module's.
d=$work/select
for v in buggy fixed; do
	mkdir -p "$d-$v"
	cp model/select.pml "$work/transitions.pml" "$d-$v/"
	f=$([ $v = fixed ] && echo -DFIXED || true)
	(cd "$d-$v" && spin $f -a select.pml >/dev/null && gcc -O2 -DSAFETY -o pan pan.c &&
	 ./pan -m100000 > verdict.txt 2>&1) || true
done
trail=$( (cd "$d-buggy" && spin -t select.pml) | python3 -B model/narrate.py --all)
if [ "$(errors "$d-buggy/verdict.txt")" = 1 ] &&
   echo "$trail" | tail -n 1 | grep -Eq "throw: bad g->status in ready \((Gcopystack|Grunning)\)"; then
	echo "select-grow, go1.7 (sellock may grow the stack): counterexample (1 select on 2 channels, 2 senders):"
	echo "$trail" | sed 's/^/   /'
else
	echo "select-grow, go1.7: NO counterexample: the model misses 17007" >&2
	fail=1
fi
if [ "$(errors "$d-fixed/verdict.txt")" = 0 ] && ! incomplete "$d-fixed/verdict.txt"; then
	echo "select-grow, with b902a63 (sellock on the system stack): verified," \
		"$(states "$d-fixed/verdict.txt") states: one winner, no ready() of a G that is not Gwaiting"
else
	echo "select-grow, with b902a63: ERROR: $(grep '^pan' "$d-fixed/verdict.txt" | head -n 2)" >&2
	fail=1
fi

# A check that can fail: go1.4-fixed whose casgcopystack takes only the
# status it read (the buggy read-then-CAS, with 2b62e1e's throw) must be
# caught, by a trail in which the netpoller's wakeup does it.
d=$work/broken
mkdir -p "$d"
cp "$work"/*.pml "$d/"
(cd "$d" && spin -DPOLICY_GO14_FIXED -DBROKEN_CASGCOPYSTACK -DNG="$NG" -DNM="$NM" -DK="$K" \
	-a gcsched.pml >/dev/null && gcc -O2 -DSAFETY -o pan pan.c && ./pan -m10000000 > verdict.txt 2>&1) || true
trail=$( (cd "$d" && spin -DPOLICY_GO14_FIXED -DBROKEN_CASGCOPYSTACK -DNG="$NG" -DNM="$NM" \
	-DK="$K" -t gcsched.pml) | python3 -B model/narrate.py)
if [ "$(errors $d/verdict.txt)" = 1 ] && echo "$trail" | grep -q ". netpoll: casgstatus"; then
	echo "go1.4-fixed with copystack's read-then-CAS instead of casgcopystack: caught:"
	echo "$trail" | sed 's/^/   /'
else
	echo "model: the broken casgcopystack was NOT caught" >&2
	fail=1
fi
exit $fail
