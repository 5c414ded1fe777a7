#include "planner/apply/worker_pool.h"

#include <algorithm>

namespace cairn::planner::apply {

WorkerPool::WorkerPool(int threads) {
  const int n = std::max(1, threads);
  threads_.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) threads_.emplace_back([this] { Run(); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
    queue_ = {};
  }
  cv_.notify_all();
  for (std::thread& t : threads_) {
    if (abandoned_) {
      t.detach();
    } else {
      t.join();
    }
  }
}

void WorkerPool::Submit(int64_t priority, std::function<void()> job) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push(Item{priority, next_seq_++, std::move(job)});
  }
  cv_.notify_one();
}

std::vector<std::function<void()>> WorkerPool::TakeQueued() {
  std::vector<std::function<void()>> out;
  std::lock_guard<std::mutex> lock(mu_);
  while (!queue_.empty()) {
    out.push_back(std::move(const_cast<Item&>(queue_.top()).job));
    queue_.pop();
  }
  return out;
}

void WorkerPool::Abandon() {
  std::lock_guard<std::mutex> lock(mu_);
  abandoned_ = true;
}

void WorkerPool::Run() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      job = std::move(const_cast<Item&>(queue_.top()).job);
      queue_.pop();
    }
    job();
  }
}

}  // namespace cairn::planner::apply
