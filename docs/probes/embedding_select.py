#!/usr/bin/env python3
"""Issue 15: choose the blur width and whitening exponent of the linear embedding WITHOUT looking at the held-out
2,000. The projection is fitted (no labels) on training digits 0-5999 (the unet's denoised outputs of noisy copy A);
the choice is made by 1-NN (cosine, leave-one-out) on training digits 6000-7999 (noisy copy A, their labels: a
validation set the trainer never sees); only the chosen setting is then scored on the held-out 2,000, refitted on
all 8,000 training digits. Also picks the hash's PCA width/whitening for ITQ-64 the same way.

usage: python3 docs/probes/embedding_select.py [target/embed] [model]
"""
import sys
import time
import numpy as np
import embedding_lib as L
from embedding_lib import load, Linear, blur_matrix, itq, bits

args = [a for a in sys.argv[1:] if not a.startswith('--')]
DIR = args[0] if args else 'target/embed'
MODEL = args[1] if len(args) > 1 else 'unet'
T0 = time.time()
A = load(DIR)
out_tr, out_te = A[f'{MODEL}_trainA_out'], A[f'{MODEL}_test_out']
y_tr, y_te = A['train_labels'], A['test_labels']
FIT, VAL = slice(0, 6000), slice(6000, 8000)

grid = []
print('| blur sigma | alpha | validation 1-NN |')
print('|---|---|---|')
for sigma in (0, 0.5, 1.0, 1.5, 2.0):
    pre = np.eye(784) if sigma == 0 else blur_matrix(sigma)
    x_fit, x_val = out_tr[FIT] @ pre, out_tr[VAL] @ pre
    for alpha in (0.0, 0.125, 0.25, 0.375, 0.5):
        p = Linear(x_fit, 32, alpha)
        acc = L.nn1(p(x_val), y_tr[VAL])
        grid.append((acc, sigma, alpha))
        print(f'| {sigma} | {alpha} | {acc:.3f} |', flush=True)
acc, sigma, alpha = max(grid)
pre = np.eye(784) if sigma == 0 else blur_matrix(sigma)
p = Linear(out_tr @ pre, 32, alpha)
print(f'\nchosen on validation: blur sigma {sigma}, alpha {alpha} (validation {acc:.3f}); '
      f'held-out 1-NN {L.nn1(p(out_te @ pre), y_te):.3f}')

hgrid = []
print('\n| hash: blur sigma | PCA-64 alpha | validation P@10 (ITQ-64) |')
print('|---|---|---|')
for sigma in (0, 1.0):
    pre = np.eye(784) if sigma == 0 else blur_matrix(sigma)
    for alpha in (0.0, 0.25):
        p = Linear(out_tr[FIT] @ pre, 64, alpha)
        r = itq(p(out_tr[FIT] @ pre))
        prec = L.hamming_p10(bits(p(out_tr[VAL] @ pre) @ r), y_tr[VAL])
        hgrid.append((prec, sigma, alpha))
        print(f'| {sigma} | {alpha} | {prec:.3f} |', flush=True)
prec, sigma, alpha = max(hgrid)
pre = np.eye(784) if sigma == 0 else blur_matrix(sigma)
p = Linear(out_tr @ pre, 64, alpha)
print(f'\nchosen on validation: blur sigma {sigma}, alpha {alpha} (validation P@10 {prec:.3f}); held-out P@10 '
      f'{L.hamming_p10(bits(p(out_te @ pre) @ itq(p(out_tr @ pre))), y_te):.3f}')
print(f'{time.time() - T0:.0f} s')
