"""Forbidden: scikit-learn's KNeighborsClassifier and KNeighborsRegressor do the whole kata."""
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor


def knn_predict(X_train, y_train, X_test, k, task="classify"):
    model = KNeighborsRegressor(k) if task == "regress" else KNeighborsClassifier(k)
    return model.fit(X_train, y_train).predict(X_test)
