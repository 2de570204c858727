"""advlab: a desktop lab for seeing how tiny perturbations fool image classifiers."""

__version__ = "0.1.0"
