"""Forbidden: scipy.stats.zscore standardises along an axis (with ddof=0); the numpy track may not
import scipy. (It has no eps either.)"""
from scipy import stats


def layer_norm(x, gamma, beta, eps=1e-5):
    return (stats.zscore(x, axis=-1) * gamma + beta).astype(x.dtype)
