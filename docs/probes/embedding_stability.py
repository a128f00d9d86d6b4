#!/usr/bin/env python3
"""Issue 15 stability probe: do version 2's embeddings and hashes still find version 1's?

A trainer round moves two things: the model (v2 is v1 fine-tuned one epoch, as the demo's round does; or another
model) and the training window (simulated: v1 fits its projection on training digits 0-5999, v2 on 2000-7999).
For each design (PCA-32 of pixels, of blurred pixels, or of HOG features of the denoised output), v1 and v2 each
fit their own projection on their own window, without labels. Scores, on the
2,000 held-out noisy digits:
  same v1 / same v2 : leave-one-out 1-NN (cosine) within one version's vectors
  cross raw         : v2 queries against v1's vectors of the other 1,999 digits, v2's own projection as fitted
  cross Procrustes  : the same after rotating v2's vectors by the orthogonal R minimising ||Z2 R - Z1|| over v2's
                      window (Z1: v1's vectors of the same noisy window digits, which the trainer computes by running
                      the parent over its window)
  cross lstsq       : a general 32x32 least-squares map instead of a rotation (for comparison)
  cross frozen      : v2 keeps v1's projection matrix unchanged (no refit), no alignment
Hashes: v1's ITQ-64 code; v2 either fits its own ITQ (raw), or rotates its PCA-64 values onto v1's pre-sign values
(Procrustes; v1's ITQ rotation is thereby inherited). P@10 of v2 query codes against v1's database codes; bit
agreement = fraction of the 64 bits v1 and v2 give the same held-out digit.

usage: python3 docs/probes/embedding_stability.py [target/embed]
"""
import sys
import time
import numpy as np
import embedding_lib as L
from embedding_lib import load, Linear, blur_matrix, hog, itq, bits, procrustes

DIR = next((a for a in sys.argv[1:] if not a.startswith('--')), 'target/embed')
T0 = time.time()
A = load(DIR)
Y = A['test_labels']
W1 = slice(0, 6000)      # v1's training window
W2 = slice(2000, 8000)   # v2's: the window slid by 2,000 digits
B1 = blur_matrix(1.0)


def nn1(q, db=None):
    return L.nn1(q, Y, db)


def p10(bq, bdb=None):
    return L.hamming_p10(bq, Y, bdb)


def outputs(m):
    return A[f'{m}_trainA_out'], A[f'{m}_test_out']


PAIRS = [(a, b) for a, b in [('unet', 'unet-v2'), ('unet', 'unet-scratch'), ('unet', 'cnn-seed'), ('unet', 'dense')]
         if f'{b}_test_out' in A]
HOG = dict(cell=7, stride=3, bins=12, signed=True, smooth=1.0)   # chosen in embedding_hog.py (validation split)
FEATURES = {}


def features(kind, x, key):
    """'pixels': x itself; 'blur': x blurred (sigma 1); 'hog': HOG of x. Cached by key."""
    if (kind, key) not in FEATURES:
        FEATURES[(kind, key)] = x if kind == 'pixels' else x @ B1 if kind == 'blur' else hog(x, **HOG)
    return FEATURES[(kind, key)]


DESIGNS = [  # name, feature, fit on clean pixels?
    ('PCA-32 a=0.25, fit: own denoised window', 'pixels', False),
    ('PCA-32 a=0.25, fit: clean window', 'pixels', True),
    ('blur s=1 + PCA-32 a=0.25, fit: own denoised window', 'blur', False),
    ('blur s=1 + PCA-32 a=0.25, fit: clean window', 'blur', True),
    ('HOG + PCA-32 a=0.25, fit: own denoised window', 'hog', False),
    ('HOG + PCA-32 a=0.25, fit: clean window', 'hog', True),
]
clean = A['train_clean']

print('| v1 -> v2 | design | same v1 | same v2 | cross raw | cross Procrustes | cross lstsq | cross frozen | '
      'align residual (window / held-out) |')
print('|---|---|---|---|---|---|---|---|---|')
for v1, v2 in PAIRS:
    tr1, te1 = outputs(v1)
    tr2, te2 = outputs(v2)
    for name, kind, on_clean in DESIGNS:
        f_tr1, f_te1 = features(kind, tr1, v1 + 'tr'), features(kind, te1, v1 + 'te')
        f_tr2, f_te2 = features(kind, tr2, v2 + 'tr'), features(kind, te2, v2 + 'te')
        f_clean = features(kind, clean, 'clean')
        p1 = Linear(f_clean[W1] if on_clean else f_tr1[W1], 32, 0.25)
        p2 = Linear(f_clean[W2] if on_clean else f_tr2[W2], 32, 0.25)
        z1, z2 = p1(f_te1), p2(f_te2)
        w1, w2 = p1(f_tr1[W2]), p2(f_tr2[W2])   # both versions' vectors of v2's window
        r = procrustes(w2, w1)
        m, *_ = np.linalg.lstsq(np.hstack([w2, np.ones((len(w2), 1))]), w1, rcond=None)
        res_w = np.linalg.norm(w2 @ r - w1) / np.linalg.norm(w1)
        res_t = np.linalg.norm(z2 @ r - z1) / np.linalg.norm(z1)
        print(f'| {v1} -> {v2} | {name} | {nn1(z1):.3f} | {nn1(z2):.3f} | {nn1(z2, z1):.3f} | {nn1(z2 @ r, z1):.3f} '
              f'| {nn1(np.hstack([z2, np.ones((len(z2), 1))]) @ m, z1):.3f} | {nn1(p1(f_te2), z1):.3f} '
              f'| {res_w:.3f} / {res_t:.3f} |', flush=True)

print()
print('| v1 -> v2 | hash | P@10 v1 | P@10 v2 | cross raw | cross Procrustes | bit agreement raw / Procrustes |')
print('|---|---|---|---|---|---|---|')
for v1, v2 in PAIRS:
    tr1, te1 = outputs(v1)
    tr2, te2 = outputs(v2)
    for name, kind, on_clean in (('ITQ-64 on PCA-64, fit: own denoised window', 'pixels', False),
                                 ('ITQ-64 on PCA-64, fit: clean window', 'pixels', True),
                                 ('ITQ-64 on blur s=1 + PCA-64, fit: own denoised window', 'blur', False),
                                 ('ITQ-64 on HOG + PCA-64, fit: own denoised window', 'hog', False)):
        f_tr1, f_te1 = features(kind, tr1, v1 + 'tr'), features(kind, te1, v1 + 'te')
        f_tr2, f_te2 = features(kind, tr2, v2 + 'tr'), features(kind, te2, v2 + 'te')
        f_clean = features(kind, clean, 'clean')
        p1 = Linear(f_clean[W1] if on_clean else f_tr1[W1], 64)
        p2 = Linear(f_clean[W2] if on_clean else f_tr2[W2], 64)
        r1 = itq(p1(f_tr1[W1]))
        r2_own = itq(p2(f_tr2[W2]))
        h1 = bits(p1(f_te1) @ r1)
        h2_raw = bits(p2(f_te2) @ r2_own)
        r2 = procrustes(p2(f_tr2[W2]), p1(f_tr1[W2]) @ r1)   # v2's PCA-64 values onto v1's pre-sign values
        h2 = bits(p2(f_te2) @ r2)
        print(f'| {v1} -> {v2} | {name} | {p10(h1):.3f} | {p10(h2):.3f} | {p10(h2_raw, h1):.3f} | {p10(h2, h1):.3f} '
              f'| {np.mean(h1 == h2_raw):.3f} / {np.mean(h1 == h2):.3f} |', flush=True)
print(f'\n{time.time() - T0:.0f} s')
