#!/usr/bin/python3
"""End-to-end benchmark: segments-cli import + segment against shared/bench/baseline.py,
in the same run, on the same file, with the same k.

usage: bench/run-pipeline.py SEGMENTS_CLI BASELINE_PY TRANSACTIONS.csv [K]

Prints wall time and peak RSS of both, their ratios, and the inertia of both (our run uses
--outliers off so both cluster every customer on the same features).
"""
import json, os, re, subprocess, sys, tempfile, time


def timed(cmd):
    """Runs cmd under /usr/bin/time -v; returns (stdout, seconds, peak RSS in MB)."""
    t0 = time.perf_counter()
    p = subprocess.run(['/usr/bin/time', '-v'] + cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f'{cmd[0]} failed:\n{p.stderr}')
    rss = int(re.search(r'Maximum resident set size \(kbytes\): (\d+)', p.stderr).group(1))
    return p.stdout, wall, rss / 1024.0


def main():
    cli, baseline, path = sys.argv[1:4]
    k = sys.argv[4] if len(sys.argv) > 4 else '5'
    with tempfile.TemporaryDirectory() as tmp:
        project = os.path.join(tmp, 'bench.segments')
        out_b, wall_b, rss_b = timed(['/usr/bin/python3', baseline, path, k])
        _, wall_i, rss_i = timed([cli, 'import', project, '--transactions', path])
        _, wall_s, rss_s = timed([cli, 'segment', project, '--k', k, '--outliers', 'off'])
        shown, _, _ = timed([cli, 'show', project, '--json'])
    ours = json.loads(shown)
    inertia_b = float(re.search(r'inertia=([0-9.]+)', out_b).group(1))
    sil_b = float(re.search(r'silhouette=([0-9.-]+)', out_b).group(1))
    wall_o = wall_i + wall_s
    rss_o = max(rss_i, rss_s)
    print(f'file: {path}')
    print(f'customers: {ours["customers"]}, transactions: {ours["transactions"]}')
    print(f'baseline (pandas + scikit-learn): {wall_b:.2f} s, peak {rss_b:.0f} MB')
    print(f'segments-cli import: {wall_i:.2f} s, peak {rss_i:.0f} MB')
    print(f'segments-cli segment --k {k}: {wall_s:.2f} s, peak {rss_s:.0f} MB')
    print(f'speed-up: {wall_b / wall_o:.2f}x; memory: {rss_o / rss_b:.3f} of baseline')
    print(f'inertia: ours {ours["inertia"]:.1f}, scikit-learn {inertia_b:.1f} '
          f'({100 * (ours["inertia"] / inertia_b - 1):+.3f}%)')
    print(f'silhouette: ours {ours["silhouette"]:.4f}, scikit-learn {sil_b:.4f}')


if __name__ == '__main__':
    main()
