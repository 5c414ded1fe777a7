#pragma once
/// A fixed number of threads running jobs highest priority first, and the queue through which
/// they report back to the one thread that owns the walk. The walk thread evaluates; workers
/// only call providers and the journal, so evaluation state is never shared.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <queue>
#include <thread>
#include <vector>

namespace cairn::planner::apply {

class WorkerPool {
 public:
  /// Starts `threads` workers (at least 1).
  explicit WorkerPool(int threads);
  /// Drops the jobs not started and joins the workers (waiting for running jobs), unless
  /// Abandon was called.
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  /// Queues `job`; among queued jobs the highest `priority` starts first, ties in
  /// submission order.
  void Submit(int64_t priority, std::function<void()> job);
  /// Drops the queued jobs no worker has started; returns them so the caller can account for
  /// each (they are not run).
  std::vector<std::function<void()>> TakeQueued();
  /// Detaches the workers: the destructor no longer waits for running jobs (a second
  /// interrupt, when the process is about to exit).
  void Abandon();

 private:
  struct Item {
    int64_t priority;
    uint64_t seq;
    std::function<void()> job;
    bool operator<(const Item& o) const {
      return priority != o.priority ? priority < o.priority : seq > o.seq;
    }
  };
  void Run();

  std::mutex mu_;
  std::condition_variable cv_;
  std::priority_queue<Item> queue_;
  uint64_t next_seq_ = 0;
  bool stopping_ = false;
  bool abandoned_ = false;
  std::vector<std::thread> threads_;
};

/// Events from many producers to one consumer.
template <typename T>
class EventQueue {
 public:
  void Push(T event) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      events_.push_back(std::move(event));
    }
    cv_.notify_one();
  }
  /// The next event, or nullopt after `timeout` without one.
  template <typename Duration>
  std::optional<T> Pop(Duration timeout) {
    std::unique_lock<std::mutex> lock(mu_);
    if (!cv_.wait_for(lock, timeout, [&] { return !events_.empty(); })) return std::nullopt;
    T e = std::move(events_.front());
    events_.pop_front();
    return e;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<T> events_;
};

}  // namespace cairn::planner::apply
