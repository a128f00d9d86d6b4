"""Shared pieces of the issue 15 embedding probes (docs/probes/embedding_probe.py, embedding_stability.py):
loading EmbeddingProbe's dump, the scores, and the label-free linear maps and hashes."""
import numpy as np


def load(directory):
    arrays = {}
    for line in open(f'{directory}/shapes.txt'):
        name, rows, cols, kind = line.split()
        dtype = '<f4' if kind == 'f32' else '<i4'
        a = np.fromfile(f'{directory}/{name}.{kind}', dtype=dtype).reshape(int(rows), int(cols))
        arrays[name] = a[:, 0] if kind == 'i32' else a.astype(np.float64)
    return arrays


# ---------------------------------------------------------------- scores

def unit(x):
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


def nn1(q, y, db=None):
    """LOO 1-NN cosine accuracy; with db, queries q[i] search db without db[i] (same digits, other version)."""
    q = unit(q)
    d = q if db is None else unit(db)
    s = q @ d.T
    np.fill_diagonal(s, -np.inf)
    return float(np.mean(y[np.argmax(s, axis=1)] == y))


def hamming_p10(bq, y, bdb=None, k=10):
    """bq, bdb: {0,1} arrays n x bits. Ties broken by index order (stable sort); self excluded."""
    bdb = bq if bdb is None else bdb
    q = bq.astype(np.float64)
    d = bdb.astype(np.float64)
    dist = q @ (1 - d).T + (1 - q) @ d.T
    np.fill_diagonal(dist, np.inf)
    order = np.argsort(dist, axis=1, kind='stable')[:, :k]
    return float(np.mean(y[order] == y[:, None]))


# ---------------------------------------------------------------- linear maps fitted without labels

def pca(x, k):
    """mean, components (d x k), eigenvalues (k), from centred covariance."""
    mu = x.mean(axis=0)
    c = np.cov(x - mu, rowvar=False)
    w, v = np.linalg.eigh(c)
    idx = np.argsort(w)[::-1][:k]
    v = v[:, idx]
    # deterministic sign: largest-magnitude entry of each component positive
    v *= np.sign(v[np.argmax(np.abs(v), axis=0), np.arange(k)])
    return mu, v, w[idx]


class Linear:
    """z = (x - mu) @ W, W = components * eigenvalue^-alpha: what the record would store (mean + matrix)."""

    def __init__(self, fit_on, k=32, alpha=0.0, center=True):
        self.mu, v, w = pca(fit_on, k)
        self.W = v * np.power(np.maximum(w, 1e-12), -alpha)[None, :]
        if not center:
            self.mu = np.zeros_like(self.mu)

    def __call__(self, x):
        return (x - self.mu) @ self.W


def snr_projection(xa, xb, k=32, alpha=0.0, ridge=1e-3):
    """Label-free 'pair LDA': two noisy copies of every clean training digit; maximise the variance of the copies'
    mean against the variance of their difference (generalised eigenproblem), so directions the noise moves are
    dropped. Returns a Linear-like callable."""
    m = (xa + xb) / 2
    mu = m.mean(axis=0)
    sb = np.cov(m - mu, rowvar=False)
    sw = np.cov((xa - xb) / np.sqrt(2), rowvar=False)
    sw += ridge * np.trace(sw) / sw.shape[0] * np.eye(sw.shape[0])
    # whiten sw, then eigen of sb in that basis
    ew, ev = np.linalg.eigh(sw)
    iw = ev / np.sqrt(ew)[None, :]
    w, v = np.linalg.eigh(iw.T @ sb @ iw)
    idx = np.argsort(w)[::-1][:k]
    W = iw @ v[:, idx]
    # scale so that the projected pair-mean has unit variance per component, then ^(1 - alpha) of its spread
    sd = np.sqrt(np.maximum(w[idx], 1e-12))
    W = W * np.power(sd, -2 * alpha)[None, :] * sd[None, :] / sd.mean()
    return lambda x: (x - mu) @ W, (mu, W)


def blur_matrix(sigma, side=28):
    """784 x 784 separable Gaussian blur (a linear map, so it folds into the projection)."""
    r = np.arange(side)
    g = np.exp(-((r[:, None] - r[None, :]) ** 2) / (2 * sigma ** 2))
    g /= g.sum(axis=1, keepdims=True)
    return np.kron(g, g)


def kmeans(x, k, iters=30, seed=0):
    rng = np.random.default_rng(seed)
    c = [x[rng.integers(len(x))]]
    d2 = np.sum((x - c[0]) ** 2, axis=1)
    for _ in range(1, k):  # k-means++
        c.append(x[rng.choice(len(x), p=d2 / d2.sum())])
        d2 = np.minimum(d2, np.sum((x - c[-1]) ** 2, axis=1))
    c = np.array(c)
    for _ in range(iters):
        a = np.argmin((x ** 2).sum(1)[:, None] - 2 * x @ c.T + (c ** 2).sum(1)[None, :], axis=1)
        c = np.array([x[a == j].mean(axis=0) if np.any(a == j) else c[j] for j in range(k)])
    return a


def cluster_lda(x, k_clusters, dims=32, pre=64, ridge=1e-2, seed=0):
    """Label-free: k-means pseudo-classes on PCA-pre of x, then LDA on those pseudo-classes (within-cluster scatter
    regularised), projection from x's PCA-pre space to dims. Serving cost: mean + 784 x dims."""
    p = Linear(x, pre)
    z = p(x)
    a = kmeans(z / np.sqrt(np.mean(z ** 2)), k_clusters, seed=seed)
    mu = z.mean(axis=0)
    sw = np.zeros((pre, pre))
    sb = np.zeros((pre, pre))
    for j in range(k_clusters):
        zj = z[a == j]
        if len(zj) == 0:
            continue
        mj = zj.mean(axis=0)
        sw += (zj - mj).T @ (zj - mj)
        sb += len(zj) * np.outer(mj - mu, mj - mu)
    sw += ridge * np.trace(sw) / pre * np.eye(pre)
    ew, ev = np.linalg.eigh(sw)
    iw = ev / np.sqrt(ew)[None, :]
    w, v = np.linalg.eigh(iw.T @ sb @ iw)
    idx = np.argsort(w)[::-1][:dims]
    W = p.W @ iw @ v[:, idx]
    return lambda xx: (xx - p.mu) @ W


# ---------------------------------------------------------------- hashes

def itq(v, iters=50, seed=0):
    """Gong & Lazebnik: rotation R minimising ||sign(vR) - vR||. v: centred n x bits."""
    rng = np.random.default_rng(seed)
    r, _ = np.linalg.qr(rng.standard_normal((v.shape[1], v.shape[1])))
    for _ in range(iters):
        b = np.sign(v @ r)
        b[b == 0] = 1
        u, _, wt = np.linalg.svd(v.T @ b)
        r = u @ wt
    return r


def random_rotation(n, seed=0):
    r, _ = np.linalg.qr(np.random.default_rng(seed).standard_normal((n, n)))
    return r


def bits(z):
    return (z > 0).astype(np.uint8)


def procrustes(src, dst):
    """orthogonal R minimising ||src R - dst|| (both n x d)."""
    u, _, wt = np.linalg.svd(src.T @ dst)
    return u @ wt


def hog(x, cell=4, bins=9, signed=False, smooth=0.0, stride=None):
    """x: n x 784 images in [0, 1]. Central-difference gradients, orientation histograms per cell with linear
    interpolation between neighbouring orientation bins, magnitude-weighted; cells of `cell` pixels every `stride`
    (default = cell); square root of every bin (Hellinger); each image's vector L2-normalised."""
    if smooth > 0:
        x = x @ blur_matrix(smooth)
    img = x.reshape(-1, 28, 28)
    p = np.pad(img, ((0, 0), (1, 1), (1, 1)))
    gx = (p[:, 1:-1, 2:] - p[:, 1:-1, :-2]) / 2
    gy = (p[:, 2:, 1:-1] - p[:, :-2, 1:-1]) / 2
    mag = np.hypot(gx, gy)
    period = 2 * np.pi if signed else np.pi
    ang = np.mod(np.arctan2(gy, gx), period) / period * bins
    lo = np.floor(ang).astype(int) % bins
    hi = (lo + 1) % bins
    w_hi = ang - np.floor(ang)
    n = len(img)
    per_pixel = np.zeros((n, 28, 28, bins))
    ii = np.arange(n)[:, None, None]
    rr = np.arange(28)[None, :, None]
    cc = np.arange(28)[None, None, :]
    np.add.at(per_pixel, (ii, rr, cc, lo), mag * (1 - w_hi))
    np.add.at(per_pixel, (ii, rr, cc, hi), mag * w_hi)
    stride = stride or cell
    feats = []
    for r in range(0, 28 - cell + 1, stride):
        for c in range(0, 28 - cell + 1, stride):
            feats.append(per_pixel[:, r:r + cell, c:c + cell].sum(axis=(1, 2)))
    f = np.sqrt(np.concatenate(feats, axis=1))
    return unit(f)
