"""The defence lab: data sets, small architectures, adversarial training methods, training,
and trained models saved as files the lab (and plain PyTorch) can open.

Modules: `data` (data sets), `architectures`, `methods` (the registry of training methods),
`training` (`train`), `storage` (save, load, the lab-facing model).
"""
