#!/usr/bin/env python3
"""Issue 15 research probe: which compact embedding (D <= 32) and 64-bit hash of a denoiser version's outputs
meet the bars on the 2,000 held-out digits (sigma = 0.5, evaluate's noise seed)?

Reads what src/test/java/io/denoiser/evaluate/EmbeddingProbe.java dumped (default target/embed). Everything is
fitted on the 8,000 training digits (clean pixels, or the model's outputs on a noisy copy of them) WITHOUT labels;
labels only score. Scores:
  1-NN  : leave-one-out 1-nearest-neighbour digit accuracy by cosine over the 2,000 held-out digits
  P@10  : Hamming precision@10 of the 64-bit code: the 10 nearest other codes (ties by index order, self
          excluded), fraction with the query's digit, averaged
  cross : v2 queries against the v1 vectors of the other 1,999 digits (1-NN cosine, or P@10 Hamming)

usage: python3 docs/probes/embedding_probe.py [target/embed] [--quick]
"""
import sys
import time
import numpy as np
import embedding_lib as L
from embedding_lib import (load, unit, Linear, snr_projection, blur_matrix, cluster_lda, itq, random_rotation,
                           bits, hog)

HOG = dict(cell=7, stride=3, bins=12, signed=True, smooth=1.0)   # chosen in embedding_hog.py (validation split)

DIR = next((a for a in sys.argv[1:] if not a.startswith('--')), 'target/embed')
QUICK = '--quick' in sys.argv
T0 = time.time()


A = load(DIR)
Y = A['test_labels']


def nn1(q, db=None):
    return L.nn1(q, Y, db)


def hamming_p10(bq, bdb=None):
    return L.hamming_p10(bq, Y, bdb)


MODELS = [m for m in ['unet', 'cnn-seed', 'dense', 'unet-v2', 'unet-scratch'] if f'{m}_test_out' in A]


# ---------------------------------------------------------------- scores

# ---------------------------------------------------------------- run

rows = []   # (section, design, dims, 1-NN, P@10)


def row(section, design, dims, acc=None, p10=None, note=''):
    rows.append((section, design, dims, acc, p10, note))
    fa = '' if acc is None else f'{acc:.3f}'
    fp = '' if p10 is None else f'{p10:.3f}'
    print(f'[{time.time() - T0:6.0f}s] {section:10s} | {design:70s} | {dims:>4} | {fa:>6} | {fp:>6} | {note}', flush=True)


clean_tr, noisy_tr, noisyB_tr = A['train_clean'], A['train_noisyA'], A['train_noisyB']
clean_te, noisy_te = A['test_clean'], A['test_noisy']

# --- reference baselines, recomputed in this run
row('baseline', 'raw noisy pixels', 784, nn1(noisy_te))
row('baseline', 'raw clean pixels', 784, nn1(clean_te))
p = Linear(noisy_tr, 32)
row('baseline', 'PCA-32 of noisy pixels (fit: train noisy); hash: sign bits of the 32', 32, nn1(p(noisy_te)),
    hamming_p10(bits(p(noisy_te))), '32-bit code')
p = Linear(clean_tr, 32)
row('baseline', 'PCA-32 of clean pixels (fit: train clean), clean queries; sign bits', 32, nn1(p(clean_te)),
    hamming_p10(bits(p(clean_te))), '32-bit code, oracle input')
p = Linear(clean_tr, 64)
row('baseline', 'PCA-64 of clean pixels, clean queries; sign bits / ITQ-64 bits', 64, nn1(p(clean_te)),
    hamming_p10(bits(p(clean_te))), f'ITQ-64 P@10 {hamming_p10(bits(p(clean_te) @ itq(p(clean_tr)))):.3f}')

f_tr, f_te = hog(noisy_tr, **HOG), hog(noisy_te, **HOG)
p = Linear(f_tr, 32, 0.25)
row('baseline', 'HOG of noisy pixels, raw / + PCA-32 a=0.25 (fit: HOG of train noisy)', 768, nn1(f_te),
    None, f'PCA-32: {nn1(p(f_te)):.3f}')
row('baseline', 'HOG of clean pixels (oracle input), raw', 768, nn1(hog(clean_te, **HOG)))

B1 = blur_matrix(1.0)
for m in MODELS:
    out_te, out_tr, outB_tr = A[f'{m}_test_out'], A[f'{m}_trainA_out'], A[f'{m}_trainB_out']
    lat_te, lat_tr = A[f'{m}_test_lat'], A[f'{m}_trainA_lat']
    sec = m
    full = m == 'unet' and not QUICK   # every design on the default model; the main ones on the others
    row(sec, 'raw denoised output', 784, nn1(out_te))
    row(sec, f'raw latent ({lat_te.shape[1]} floats)', lat_te.shape[1], nn1(lat_te))
    p = Linear(lat_tr, 32)
    row(sec, 'PCA-32 of latent (fit: train latents)', 32, nn1(p(lat_te)))
    for fit_name, fit in (('train denoised', out_tr), ('train CLEAN', clean_tr)):
        for alpha in (0.0, 0.25, 0.5):
            p = Linear(fit, 32, alpha)
            row(sec, f'PCA-32 of denoised, fit: {fit_name}, whiten a={alpha}', 32, nn1(p(out_te)))
        if full:
            for k in (16, 24, 48, 64):
                p = Linear(fit, k, 0.25)
                row(sec, f'PCA-{k} of denoised, fit: {fit_name}, whiten a=0.25', k, nn1(p(out_te)))
        # blur (linear, folds into the matrix)
        for alpha in ((0.0, 0.25, 0.5) if full else (0.25,)):
            p = Linear(fit @ B1, 32, alpha)
            row(sec, f'blur s=1 then PCA-32 of denoised (fit: {fit_name}), a={alpha}', 32, nn1(p(out_te @ B1)))
    if full:
        p = Linear(out_tr, 32, 0.25, center=False)
        row(sec, 'PCA-32 of denoised, fit: train denoised, a=0.25, NOT centred', 32, nn1(p(out_te)))
        p = Linear(unit(out_tr), 32, 0.25)
        row(sec, 'PCA-32 of L2-normalised denoised (fit: train denoised), a=0.25', 32, nn1(p(unit(out_te))))
        p = Linear(clean_tr, 32, 0.0)
        row(sec, 'PCA-32 fit on train clean, applied to NOISY input', 32, nn1(p(noisy_te)))
        # concatenations
        sc = np.sqrt(np.mean(np.var(out_tr, 0)) / np.mean(np.var(lat_tr, 0)))
        p = Linear(np.hstack([out_tr, sc * lat_tr]), 32, 0.25)
        row(sec, 'PCA-32 of [denoised, latent (variance-matched)], a=0.25', 32,
            nn1(p(np.hstack([out_te, sc * lat_te]))))
        sc = np.sqrt(np.mean(np.var(out_tr, 0)) / np.mean(np.var(noisy_tr, 0)))
        p = Linear(np.hstack([out_tr, sc * noisy_tr]), 32, 0.25)
        row(sec, 'PCA-32 of [denoised, noisy input], a=0.25', 32, nn1(p(np.hstack([out_te, sc * noisy_te]))))
        # label-free pair projection: two noisy copies of each clean training digit
        for alpha in (0.0, 0.25, 0.5):
            f, _ = snr_projection(out_tr, outB_tr, 32, alpha)
            row(sec, f'pair-SNR projection of denoised (copies A,B of train), a={alpha}', 32, nn1(f(out_te)))
        for kc in (10, 30, 100):
            f = cluster_lda(out_tr, kc, 32 if kc > 32 else kc - 1)
            row(sec, f'k-means({kc}) pseudo-class LDA of denoised (PCA-64 first)', min(32, kc - 1), nn1(f(out_te)))

    # --- hashes (64 bits) on denoised outputs
    for fit_name, fit in (('train denoised', out_tr), ('train CLEAN', clean_tr)):
        p64 = Linear(fit, 64)
        v_tr, v_te = p64(out_tr), p64(out_te)
        if full:
            row(sec, f'hash: sign of PCA-64 of denoised (fit: {fit_name})', 64, None, hamming_p10(bits(v_te)))
            row(sec, f'hash: sign of random rotation of PCA-64 (fit: {fit_name})', 64, None,
                hamming_p10(bits(v_te @ random_rotation(64))))
        row(sec, f'hash: ITQ-64 on PCA-64 of denoised (fit: {fit_name})', 64, None,
            hamming_p10(bits(v_te @ itq(v_tr))))
        if full:
            for alpha in (0.25, 0.5):
                p64 = Linear(fit, 64, alpha)
                row(sec, f'hash: ITQ-64 on PCA-64 whitened a={alpha} (fit: {fit_name})', 64, None,
                    hamming_p10(bits(p64(out_te) @ itq(p64(out_tr)))))
            p64 = Linear(fit @ B1, 64)
            row(sec, f'hash: ITQ-64 on blur s=1 + PCA-64 (fit: {fit_name})', 64, None,
                hamming_p10(bits(p64(out_te @ B1) @ itq(p64(out_tr @ B1)))))
    if full:
        p32 = Linear(out_tr, 32, 0.25)
        z_tr, z_te = p32(out_tr), p32(out_te)
        g = np.random.default_rng(1).standard_normal((32, 64))
        row(sec, 'hash: SimHash 32->64 of the embedding (PCA-32 a=0.25, random Gaussian)', 64, None,
            hamming_p10(bits(unit(z_te) @ g)))
        row(sec, 'hash: ITQ-32 of the embedding (PCA-32 a=0.25) only', 32, None,
            hamming_p10(bits(z_te @ itq(z_tr))), '32 bits')

    # --- HOG of the denoised output (fixed non-linear feature), then the fitted projection / hash
    f_tr, f_te, fc_tr = hog(out_tr, **HOG), hog(out_te, **HOG), hog(clean_tr, **HOG)
    row(sec, 'HOG of denoised output, raw', f_te.shape[1], nn1(f_te))
    for alpha in (0.0, 0.25, 0.5):
        p = Linear(f_tr, 32, alpha)
        row(sec, f'HOG of denoised + PCA-32 (fit: HOG of train denoised), a={alpha}', 32, nn1(p(f_te)))
    p = Linear(fc_tr, 32, 0.25)
    row(sec, 'HOG of denoised + PCA-32 (fit: HOG of train CLEAN), a=0.25', 32, nn1(p(f_te)))
    if full:
        for k in (16, 24):
            p = Linear(f_tr, k, 0.25)
            row(sec, f'HOG of denoised + PCA-{k} (fit: HOG of train denoised), a=0.25', k, nn1(p(f_te)))
    for alpha in ((0.0, 0.25) if full else (0.0,)):
        p64 = Linear(f_tr, 64, alpha)
        row(sec, f'hash: ITQ-64 on PCA-64 of HOG of denoised, a={alpha} (fit: train denoised)', 64, None,
            hamming_p10(bits(p64(f_te) @ itq(p64(f_tr)))))
    if full:
        p32 = Linear(f_tr, 32, 0.25)
        row(sec, 'hash: ITQ-32 of the HOG embedding (PCA-32 a=0.25) only', 32, None,
            hamming_p10(bits(p32(f_te) @ itq(p32(f_tr)))), '32 bits')

print('\nrows', len(rows), f'{time.time() - T0:.0f}s')
np.save(f'{DIR}/rows.npy', np.array(rows, dtype=object), allow_pickle=True)
