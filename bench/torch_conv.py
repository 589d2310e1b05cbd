#!/usr/bin/env python3
"""PyTorch peer of bench/conv-bench.mjs: the issue 14 convnet, one epoch, timed in PyTorch.

  python3 bench/torch_conv.py --dtype float32|float64 [--samples N] [--batch B] [--repeats R]

28x28x1 -> conv 3x3x16 (padding same) + ReLU -> maxpool 2 -> conv 3x3x32 (same) + ReLU -> maxpool 2
-> flatten -> dense 10, softmax cross-entropy, plain SGD lr 0.01, batch 64, one epoch of 10,000
synthetic images (uniform in [0, 1), labels 0..9; the arithmetic per update does not depend on the
values), a fresh permutation per epoch. ONE thread (torch.set_num_threads(1)): initlab trains on
one. Only the epoch's loop (forward, backward, update) is timed; one warm-up epoch runs first and
the best of --repeats epochs is reported. Prints one JSON line.
"""
import argparse
import json
import time

try:
    import torch
except ImportError as e:
    raise SystemExit("torch_conv.py needs torch (%s); apt-get install -y python3-torch" % e)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dtype", choices=["float32", "float64"], required=True)
    ap.add_argument("--samples", type=int, default=10000)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--repeats", type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(1)
    dt = torch.float32 if a.dtype == "float32" else torch.float64
    g = torch.Generator().manual_seed(0)
    x = torch.rand(a.samples, 1, 28, 28, generator=g, dtype=dt)
    y = torch.randint(0, 10, (a.samples,), generator=g)
    torch.manual_seed(1)
    net = torch.nn.Sequential(
        torch.nn.Conv2d(1, 16, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(16, 32, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Flatten(), torch.nn.Linear(32 * 7 * 7, 10),
    ).to(dt)
    for m in net:
        if isinstance(m, (torch.nn.Conv2d, torch.nn.Linear)):
            torch.nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
            torch.nn.init.zeros_(m.bias)
    opt = torch.optim.SGD(net.parameters(), lr=0.01)
    loss_fn = torch.nn.CrossEntropyLoss()

    def epoch():
        perm = torch.randperm(a.samples, generator=g)
        last = 0.0
        for i in range(0, a.samples, a.batch):
            idx = perm[i:i + a.batch]
            opt.zero_grad()
            loss = loss_fn(net(x[idx]), y[idx])
            loss.backward()
            opt.step()
            last = loss.item()
        return last

    epoch()  # warm-up
    times = []
    last = 0.0
    for _ in range(a.repeats):
        t0 = time.perf_counter()
        last = epoch()
        times.append(time.perf_counter() - t0)
    print(json.dumps({"dtype": a.dtype, "seconds": min(times), "all": times, "lastLoss": last,
                      "torch": torch.__version__, "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
