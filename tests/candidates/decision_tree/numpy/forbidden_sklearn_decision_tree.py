"""Forbidden shortcut: scikit-learn's DecisionTreeClassifier, its tree_ arrays turned into dicts."""
import numpy as np
from sklearn.tree import DecisionTreeClassifier


def fit_tree(X, y, max_depth=None, min_samples_split=2, criterion="gini"):
    model = DecisionTreeClassifier(max_depth=max_depth, min_samples_split=min_samples_split, criterion=criterion)
    model.fit(X, y)
    tree = model.tree_

    def node(i):
        if tree.children_left[i] < 0:
            return {"leaf": model.classes_[np.argmax(tree.value[i][0])]}
        return {"feature": int(tree.feature[i]), "threshold": float(tree.threshold[i]),
                "left": node(tree.children_left[i]), "right": node(tree.children_right[i])}

    return node(0)


def predict_tree(tree, X):
    out = []
    for row in X:
        node = tree
        while "leaf" not in node:
            node = node["left"] if row[node["feature"]] <= node["threshold"] else node["right"]
        out.append(node["leaf"])
    return np.array(out)
