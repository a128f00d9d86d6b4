#!/usr/bin/env python3
"""Issue 15, step 3 (time-boxed): a small learned embedding head, label-free, prototyped in numpy (the product
would train the same two dense layers in DL4J: DenseLayer ReLU + OutputLayer identity, MSE loss).

The head maps a NOISY digit (fresh Gaussian noise sigma = 0.5 every epoch, as the trainer draws it) to a target
code of its CLEAN digit, fitted on the clean training digits without labels:
  T1  PCA-32 (a = 0.25) of the clean pixels
  T2  spectral embedding of the clean training digits (symmetric 10-NN cosine graph, 32 smallest non-trivial
      eigenvectors of the normalised Laplacian, rows scaled to unit length): a target in which near-duplicate
      clean digits sit close, whatever their pixel distance
Inputs: noisy pixels (independent of the denoiser), or the unet's denoised outputs of the two fixed noisy copies
of the training digits (the denoiser's output as the head's input). Scored by 1-NN (cosine, LOO) on the 2,000
held-out noisy digits, and ITQ-64 is not applicable to 32 dims: P@10 of ITQ-32 bits of the head's output is
reported for information.

usage: python3 docs/probes/embedding_head.py [target/embed]
"""
import sys
import time
import numpy as np
import embedding_lib as L
from embedding_lib import load, Linear, itq, bits

DIR = next((a for a in sys.argv[1:] if not a.startswith('--')), 'target/embed')
T0 = time.time()
A = load(DIR)
Y = A['test_labels']
clean = A['train_clean']


def spectral_target(x, k=10, dims=32):
    from scipy.sparse import csr_matrix, diags
    from scipy.sparse.linalg import eigsh
    u = L.unit(x - x.mean(axis=0))
    n = len(u)
    idx = np.zeros((n, k), dtype=np.int64)
    for s in range(0, n, 1000):
        sim = u[s:s + 1000] @ u.T
        for i in range(sim.shape[0]):
            sim[i, s + i] = -np.inf
        idx[s:s + 1000] = np.argpartition(-sim, k, axis=1)[:, :k]
    g = csr_matrix((np.ones(n * k), (np.repeat(np.arange(n), k), idx.ravel())), shape=(n, n))
    g = ((g + g.T) > 0).astype(np.float64)
    d = np.asarray(g.sum(axis=1)).ravel()
    dm = diags(1 / np.sqrt(d))
    m = dm @ g @ dm   # largest eigenvectors of D^-1/2 W D^-1/2 = smallest of the normalised Laplacian
    w, v = eigsh(m, k=dims + 1, which='LA', tol=1e-6, v0=np.ones(n))
    v = v[:, np.argsort(w)[::-1][1:]]
    return L.unit(v) * np.sqrt(dims)


class Mlp:
    def __init__(self, d_in, hidden, d_out, seed):
        rng = np.random.default_rng(seed)
        self.p = [rng.standard_normal((d_in, hidden)) * np.sqrt(2 / d_in), np.zeros(hidden),
                  rng.standard_normal((hidden, d_out)) * np.sqrt(1 / hidden), np.zeros(d_out)]
        self.m = [np.zeros_like(q) for q in self.p]
        self.v = [np.zeros_like(q) for q in self.p]
        self.t = 0

    def __call__(self, x):
        return np.maximum(x @ self.p[0] + self.p[1], 0) @ self.p[2] + self.p[3]

    def step(self, x, y, lr):
        h = np.maximum(x @ self.p[0] + self.p[1], 0)
        out = h @ self.p[2] + self.p[3]
        g_out = 2 * (out - y) / len(x)
        g_h = (g_out @ self.p[2].T) * (h > 0)
        grads = [x.T @ g_h, g_h.sum(0), h.T @ g_out, g_out.sum(0)]
        self.t += 1
        for i, g in enumerate(grads):
            self.m[i] = 0.9 * self.m[i] + 0.1 * g
            self.v[i] = 0.999 * self.v[i] + 0.001 * g * g
            mh = self.m[i] / (1 - 0.9 ** self.t)
            vh = self.v[i] / (1 - 0.999 ** self.t)
            self.p[i] -= lr * mh / (np.sqrt(vh) + 1e-8)
        return float(np.mean((out - y) ** 2))


def train_head(inputs, target, test_in, epochs=30, hidden=256, batch=128, seed=0, label=''):
    """inputs(epoch, rng) -> n x 784 noisy inputs for that epoch (row i is a noisy copy of clean digit i)."""
    rng = np.random.default_rng(seed)
    net = Mlp(784, hidden, target.shape[1], seed)
    scale = np.sqrt(np.mean(target ** 2))
    t = target / scale
    for epoch in range(epochs):
        x = inputs(epoch, rng)
        order = rng.permutation(len(x))
        lr = 1e-3 if epoch < epochs * 0.7 else 3e-4
        loss = np.mean([net.step(x[order[s:s + batch]], t[order[s:s + batch]], lr)
                        for s in range(0, len(x), batch)])
        if epoch % 5 == 4 or epoch == epochs - 1:
            z = net(test_in)
            print(f'  [{time.time() - T0:5.0f}s] {label} epoch {epoch + 1}: loss {loss:.4f}, held-out 1-NN '
                  f'{L.nn1(z, Y):.3f}', flush=True)
    return net


def noisy_pixels(epoch, rng):
    return np.clip(clean + 0.5 * rng.standard_normal(clean.shape), 0, 1)


def denoised_copies(epoch, rng):
    return A['unet_trainA_out'] if epoch % 2 == 0 else A['unet_trainB_out']


results = []
t1 = Linear(clean, 32, 0.25)(clean)
print(f'[{time.time() - T0:.0f}s] spectral target ...', flush=True)
t2 = spectral_target(clean)
print(f'[{time.time() - T0:.0f}s] done', flush=True)
for tname, target in (('T1 clean PCA-32 a=0.25', t1), ('T2 clean spectral-32', t2)):
    for iname, fn, test_in in (('noisy pixels (fresh noise)', noisy_pixels, A['test_noisy']),
                               ('unet denoised (copies A/B)', denoised_copies, A['unet_test_out'])):
        label = f'{tname} <- {iname}'
        net = train_head(fn, target, test_in, label=label)
        z = net(test_in)
        zt = net(fn(0, np.random.default_rng(9)))
        results.append((label, L.nn1(z, Y), L.hamming_p10(bits((z - zt.mean(0)) @ itq(zt - zt.mean(0))), Y)))
print('\n| head (784 -> 256 ReLU -> 32, 30 epochs) | 1-NN | P@10 of ITQ-32 bits |')
print('|---|---|---|')
for label, acc, p in results:
    print(f'| {label} | {acc:.3f} | {p:.3f} |')
print(f'\n{time.time() - T0:.0f} s')
