#!/usr/bin/env python3
"""Issue 15, step 3c: a fixed (not learned) non-linear feature of the denoised output before the fitted projection:
histograms of oriented gradients (HOG, Dalal & Triggs 2005), which tolerate the small shifts and stroke-width
changes that pixel distances punish. Deterministic, no training, label-free; the trainer still fits only the PCA
(and ITQ) on the window. Scored like the other designs on the 2,000 held-out noisy digits. Settings are chosen on the
validation split (fit on training digits 0-5999, score 6000-7999) and then scored once on the held-out digits.

usage: python3 docs/probes/embedding_hog.py [target/embed] [model]
"""
import sys
import time
import numpy as np
import embedding_lib as L
from embedding_lib import load, Linear, hog, itq, bits

args = [a for a in sys.argv[1:] if not a.startswith('--')]
DIR = args[0] if args else 'target/embed'
MODEL = args[1] if len(args) > 1 else 'unet'
T0 = time.time()
A = load(DIR)
y_tr, y_te = A['train_labels'], A['test_labels']
FIT, VAL = slice(0, 6000), slice(6000, 8000)


out_tr, out_te = A[f'{MODEL}_trainA_out'], A[f'{MODEL}_test_out']
configs = []
print('| HOG cell / stride | bins | signed | smooth | dims | validation 1-NN raw | validation PCA-32 a=0 / 0.25 / 0.5 |')
print('|---|---|---|---|---|---|---|')
for cell, stride in ((4, 4), (7, 7), (7, 3), (6, 2)):
    for signed in (False, True):
        bins = 12 if signed else 9
        for smooth in (0.0, 1.0):
            f_tr = hog(out_tr, cell, bins, signed, smooth, stride)
            raw = L.nn1(f_tr[VAL], y_tr[VAL])
            accs = []
            for alpha in (0.0, 0.25, 0.5):
                p = Linear(f_tr[FIT], 32, alpha)
                accs.append(L.nn1(p(f_tr[VAL]), y_tr[VAL]))
                configs.append((accs[-1], cell, stride, bins, signed, smooth, alpha))
            print(f'| {cell} / {stride} | {bins} | {signed} | {smooth} | {f_tr.shape[1]} | {raw:.3f} | '
                  + ' / '.join(f'{a:.3f}' for a in accs) + ' |', flush=True)

acc, cell, stride, bins, signed, smooth, alpha = max(configs)
f_tr = hog(out_tr, cell, bins, signed, smooth, stride)
f_te = hog(out_te, cell, bins, signed, smooth, stride)
p = Linear(f_tr, 32, alpha)
print(f'\nchosen on validation: cell {cell} stride {stride}, {bins} bins, signed {signed}, smooth {smooth}, '
      f'a {alpha} (validation {acc:.3f})')
print(f'held-out ({MODEL}): raw HOG ({f_te.shape[1]} dims) 1-NN {L.nn1(f_te, y_te):.3f}; '
      f'HOG + PCA-32 a={alpha} 1-NN {L.nn1(p(f_te), y_te):.3f}')
for a2 in (0.0, 0.25, 0.5):
    q = Linear(f_tr, 32, a2)
    print(f'  held-out HOG + PCA-32 a={a2}: {L.nn1(q(f_te), y_te):.3f}; PCA-24: '
          f'{L.nn1(Linear(f_tr, 24, a2)(f_te), y_te):.3f}')
for a2 in (0.0, 0.25):
    p64 = Linear(f_tr, 64, a2)
    print(f'  held-out hash ITQ-64 on HOG PCA-64 a={a2}: P@10 '
          f'{L.hamming_p10(bits(p64(f_te) @ itq(p64(f_tr))), y_te):.3f}')
clean_f = hog(A['test_clean'], cell, bins, signed, smooth, stride)
noisy_f = hog(A['test_noisy'], cell, bins, signed, smooth, stride)
print(f'  reference: same HOG of clean held-out pixels 1-NN {L.nn1(clean_f, y_te):.3f}, of noisy pixels '
      f'{L.nn1(noisy_f, y_te):.3f}')
print(f'{time.time() - T0:.0f} s')
