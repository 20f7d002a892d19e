#!/usr/bin/env bash
# JMH micro-benchmarks of the kernels (src/jmh/java/org/a2imd/bench): LJ pair loop, SW three-body loop,
# A2I evaluation (forward + backward), neighbour-list build; one thread each, scores per atom.
#   benchmarks/jmh.sh                    all, short settings from the classes' annotations (1 fork, 3 x 1 s
#                                        warm-up and 5 x 1 s measured; A2I 4 x 3 s and 5 x 2 s): about 3 min
#   benchmarks/jmh.sh PairLoop -f 2      JMH's own arguments (a benchmark regex, -f forks, -wi/-i iterations, ...)
#                                        override the annotations
# Builds with the Maven profile jmh (the normal build and CI never see JMH): offline when JMH 1.37 is in the
# local Maven repository, else fetching it from Maven Central once.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -q -B -o -P jmh -DskipTests test-compile >/dev/null 2>&1 || mvn -q -B -P jmh -DskipTests test-compile
cp="target/jmh/test-classes:target/jmh/classes:$(cat target/jmh/jmh.classpath)"
# Forks start in this directory, where Systems finds potentials/Si.sw.
# Scores are wall time: on a shared machine they include waiting for a core, so the load is printed too.
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# --add-modules: the A2I kernel's Vector API products (forks inherit the flag); without it they run scalar.
java --add-modules jdk.incubator.vector -cp "$cp" org.openjdk.jmh.Main "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
