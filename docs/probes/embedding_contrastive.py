#!/usr/bin/env python3
"""Issue 15, step 3b (time-boxed): a label-free CONTRASTIVE embedding head on the unet's denoised outputs,
prototyped in numpy (SimCLR's NT-Xent loss; the product would train it in DL4J/SameDiff).

Positive pair: the denoised outputs of two independently noised copies (A, B) of the same clean training digit,
each shifted by a random 0-2 pixels (zero fill); every other digit of the batch is a negative. The head,
784 -> 512 ReLU -> 32, is the embedding (L2-normalised for the loss). Scored by 1-NN (cosine, LOO) on the 2,000
held-out noisy digits, and the P@10 of ITQ-32 sign bits of the embedding (for information: the product's hash would
take 64 bits). Labels only score.

usage: python3 docs/probes/embedding_contrastive.py [target/embed] [epochs]
"""
import sys
import time
import numpy as np
import embedding_lib as L
from embedding_lib import load, itq, bits

args = [a for a in sys.argv[1:] if not a.startswith('--')]
DIR = args[0] if args else 'target/embed'
EPOCHS = int(args[1]) if len(args) > 1 else 30
T0 = time.time()
A = load(DIR)
Y = A['test_labels']
XA, XB = A['unet_trainA_out'], A['unet_trainB_out']
TEST = A['unet_test_out']
TAU, BATCH, HIDDEN, DIM, SHIFT = 0.1, 256, 512, 32, 2


def shifted(x, rng):
    n = len(x)
    img = np.zeros((n, 28 + 2 * SHIFT, 28 + 2 * SHIFT))
    img[:, SHIFT:SHIFT + 28, SHIFT:SHIFT + 28] = x.reshape(n, 28, 28)
    dy, dx = rng.integers(0, 2 * SHIFT + 1, n), rng.integers(0, 2 * SHIFT + 1, n)
    rows = dy[:, None] + np.arange(28)[None, :]
    cols = dx[:, None] + np.arange(28)[None, :]
    return img[np.arange(n)[:, None, None], rows[:, :, None], cols[:, None, :]].reshape(n, 784)


rng = np.random.default_rng(0)
p = [rng.standard_normal((784, HIDDEN)) * np.sqrt(2 / 784), np.zeros(HIDDEN),
     rng.standard_normal((HIDDEN, DIM)) * np.sqrt(1 / HIDDEN), np.zeros(DIM)]
m = [np.zeros_like(q) for q in p]
v = [np.zeros_like(q) for q in p]
t = 0
MU = XA.mean(axis=0)


def forward(x):
    h = np.maximum((x - MU) @ p[0] + p[1], 0)
    return h, h @ p[2] + p[3]


def embed(x):
    return forward(x)[1]


for epoch in range(EPOCHS):
    order = rng.permutation(len(XA))
    losses = []
    lr = 1e-3 if epoch < EPOCHS * 0.7 else 3e-4
    for s in range(0, len(order) - BATCH + 1, BATCH):
        idx = order[s:s + BATCH]
        x = np.vstack([shifted(XA[idx], rng), shifted(XB[idx], rng)])
        h, raw = forward(x)
        norm = np.linalg.norm(raw, axis=1, keepdims=True)
        z = raw / norm
        n = len(idx)
        logits = z @ z.T / TAU
        np.fill_diagonal(logits, -np.inf)
        target = np.concatenate([np.arange(n, 2 * n), np.arange(n)])
        logits -= logits.max(axis=1, keepdims=True)
        prob = np.exp(logits)
        prob /= prob.sum(axis=1, keepdims=True)
        losses.append(-np.mean(np.log(prob[np.arange(2 * n), target] + 1e-12)))
        g = prob.copy()
        g[np.arange(2 * n), target] -= 1
        g /= 2 * n
        gz = (g + g.T) @ z / TAU
        graw = (gz - z * np.sum(z * gz, axis=1, keepdims=True)) / norm
        gh = (graw @ p[2].T) * (h > 0)
        grads = [(x - MU).T @ gh, gh.sum(0), h.T @ graw, graw.sum(0)]
        t += 1
        for i, gr in enumerate(grads):
            m[i] = 0.9 * m[i] + 0.1 * gr
            v[i] = 0.999 * v[i] + 0.001 * gr * gr
            p[i] -= lr * (m[i] / (1 - 0.9 ** t)) / (np.sqrt(v[i] / (1 - 0.999 ** t)) + 1e-8)
    if epoch % 5 == 4 or epoch == EPOCHS - 1:
        print(f'[{time.time() - T0:5.0f}s] epoch {epoch + 1}: loss {np.mean(losses):.3f}, held-out 1-NN '
              f'{L.nn1(embed(TEST), Y):.3f}', flush=True)

z_te, z_tr = embed(TEST), embed(XA)
c = z_tr.mean(axis=0)
r = itq(z_tr - c)
g64 = np.random.default_rng(1).standard_normal((DIM, 64))
print(f'\ncontrastive head 784->{HIDDEN}->{DIM}, {EPOCHS} epochs: held-out 1-NN {L.nn1(z_te, Y):.3f}; '
      f'ITQ-32 bits P@10 {L.hamming_p10(bits((z_te - c) @ r), Y):.3f}; '
      f'SimHash-64 of the centred embedding P@10 {L.hamming_p10(bits(L.unit(z_te - c) @ g64), Y):.3f}')
np.save(f'{DIR}/contrastive_params.npy', np.array(p + [MU], dtype=object), allow_pickle=True)
print(f'{time.time() - T0:.0f} s')
