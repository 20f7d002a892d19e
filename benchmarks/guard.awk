# The regression guard's verdicts (benchmarks/all.sh --quick): reads six markdown tables, in pairs of
# recorded and current, and prints one row per figure with the recorded value, this run's, and a verdict.
#   awk -f guard.awk REC/speed.md NOW/speed.md REC/sweep.md NOW/sweep.md REC/a2i.md NOW/a2i.md
# Exit status 1 if any row regressed or went missing. What counts as a regression:
#   speed   a2imd's ratio to LAMMPS below 0.80 x the recorded ratio on one thread, 0.70 x on two. The ratio,
#           not the rate: both engines run in turn on the same machine, so its changes of speed cancel to
#           first order, though not fully: on 2026-12-03 four quick runs of the same build gave one-thread
#           ratios of 1.18-1.36 (LJ 4000) and 1.47-1.59 (SW), two-thread ones 1.07-1.15 and 1.29-1.64.
#           Two-thread figures get the wider band because this machine's second vCPU changes speed by up to
#           a quarter from one minute to the next, for both engines.
#   sweep   RMS fluctuation per atom above 1.10 x the recorded one, or |drift / std(KE)| above
#           2 x |recorded| + 1e-3. One-thread a2imd runs are deterministic: an unchanged integrator and
#           force field reproduce the recorded figures to every digit.
#   a2i     PyTorch's time over a2imd's below 0.6 x the recorded ratio: PyTorch's own best-of-three time
#           per atom spread from 2.7 to 5.1 ms between runs of the same day on this machine, so only a
#           large slowdown of a2imd's network is told apart from that.
# mawk-compatible (Debian's default awk): no ARGIND, the file number is counted by hand.
function trim(s) { gsub(/^ +| +$/, "", s); return s }
function num(s) { s = trim(s); sub(/ .*/, "", s); return s + 0 }
function abs(x) { return x < 0 ? -x : x }
function verdict(bad) { if (bad) { regressions++; return "REGRESSION" } return "ok" }

FNR == 1 { file++ }
/^\|/ && !/^\|---/ && !/^\| (system|code) / {
  split($0, c, "|")
  part = file <= 2 ? "speed" : file <= 4 ? "sweep" : "a2i"
  side = file % 2 == 1 ? "rec" : "now"
  if (part == "speed") {
    key = "speed | " trim(c[2]) ", " trim(c[3]) " atoms, " trim(c[4]) " thread(s)"
    rate[side, key] = num(c[5]); ratio[side, key] = num(c[8])
  } else if (part == "sweep") {
    key = "sweep | " trim(c[2]) " " trim(c[3]) " dt " trim(c[4])
    rms[side, key] = num(c[8]); dstd[side, key] = num(c[9])
  } else {
    if (trim(c[2]) != "a2imd") next
    key = "a2i | a2imd vs PyTorch, " trim(c[3]) " thread(s)"
    rate[side, key] = num(c[4]); ratio[side, key] = num(c[5])
  }
  if (side == "rec" && !(key in order)) { order[key] = ++n; keys[n] = key }
  seen[side, key] = 1
}

END {
  print "| part | figure | recorded | this run | verdict |"
  print "|---|---|---|---|---|"
  for (k = 1; k <= n; k++) {
    key = keys[k]
    if (!(("now", key) in seen)) {
      printf "| %s | - | missing from this run | %s |\n", key, verdict(1)
      continue
    }
    if (key ~ /^speed/) {
      printf "| %s | ratio to LAMMPS %.2f (%.3g atom-steps/s) | %.2f (%.3g) | %s |\n", key,
        ratio["rec", key], rate["rec", key], ratio["now", key], rate["now", key],
        verdict(ratio["now", key] < (key ~ / 1 thread/ ? 0.80 : 0.70) * ratio["rec", key])
    } else if (key ~ /^sweep/) {
      bad = rms["now", key] > 1.10 * rms["rec", key] || abs(dstd["now", key]) > 2 * abs(dstd["rec", key]) + 1e-3
      printf "| %s | RMS %.4g, drift/std(KE) %.3g | %.4g, %.3g | %s |\n", key,
        rms["rec", key], dstd["rec", key], rms["now", key], dstd["now", key], verdict(bad)
    } else {
      printf "| %s | PyTorch / a2imd %.2f (a2imd %.1f us/atom) | %.2f (%.1f) | %s |\n", key,
        ratio["rec", key], rate["rec", key], ratio["now", key], rate["now", key],
        verdict(ratio["now", key] < 0.6 * ratio["rec", key])
    }
  }
  if (n == 0) { print "| - | nothing recorded to compare with | - | - | REGRESSION |"; regressions++ }
  print ""
  print (regressions ? regressions " regression(s)" : "no regression") " against the recorded tables"
  exit regressions ? 1 : 0
}
