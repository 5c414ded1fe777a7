/// The apply journal: frames, torn tails, replay (results, possibly-created objects, create
/// before destroy), checkpoints, and the local store replaying a journal it finds.

#include "state/journal.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "state/local_store.h"
#include "state/statefile.h"

namespace cairn::state {
namespace {

namespace fs = std::filesystem;

addrs::AbsResourceInstance Addr(const std::string& text) {
  return *addrs::ParseAbsResourceInstance(text).addr;
}

ObjectState Obj(const std::string& id) {
  ObjectState o;
  o.attributes_json = "{\"id\":\"" + id + "\"}";
  return o;
}

constexpr const char* kProvider = "provider[\"registry.terraform.io/hashicorp/terraform\"]";

JournalRecord Create(const std::string& addr, const std::string& planned_id) {
  JournalRecord r;
  r.action = JournalRecord::Action::kCreate;
  r.addr = Addr(addr);
  r.provider = kProvider;
  r.object = Obj(planned_id);
  return r;
}

JournalRecord Result(const std::string& id, const std::string& addr,
                     std::optional<ObjectState> object) {
  JournalRecord r;
  r.kind = JournalRecord::Kind::kResult;
  r.id = id;
  r.addr = Addr(addr);
  r.provider = kProvider;
  r.object = std::move(object);
  return r;
}

std::string Text(const State& s) { return WriteStateFile(s).bytes; }

class JournalFileTest : public ::testing::Test {
 protected:
  fs::path dir_ = fs::temp_directory_path() / ("cairn-journal-" + std::to_string(getpid()));
  void SetUp() override { fs::create_directories(dir_); }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
};

TEST(JournalTest, RecordsBeforeAHeaderAreIgnored) {
  ParsedJournal parsed = ParseJournal(EncodeJournalRecord(Result("abc", "terraform_data.x", {})));
  EXPECT_FALSE(parsed.has_header);
  EXPECT_TRUE(parsed.records.empty());
  EXPECT_GT(parsed.ignored_bytes, 0u);
}

TEST_F(JournalFileTest, RecordsRoundTrip) {
  const fs::path path = dir_ / "j";
  Diagnostics d;
  std::unique_ptr<Journal> j = Journal::Create(path.string(), State(), d);
  JournalRecord r = Result("abc", "module.m.terraform_data.x[\"k\"]", Obj("1"));
  r.deposed_key = "0000000a";
  r.each = "map";
  r.object->dependencies = {"terraform_data.y"};
  r.object->private_data = "cHJpdmF0ZQ==";
  j->Result(r);
  JournalRecord gone = Result("def", "terraform_data.z[2]", std::nullopt);
  gone.depose_current_to = "0000000b";
  j->Result(gone);
  j->Close(false);
  ParsedJournal parsed = ParseJournal(Read(path));
  ASSERT_EQ(parsed.records.size(), 2u);
  const JournalRecord& a = parsed.records[0];
  EXPECT_EQ(a.kind, JournalRecord::Kind::kResult);
  EXPECT_EQ(a.id, "abc");
  EXPECT_EQ(a.addr.ToString(), "module.m.terraform_data.x[\"k\"]");
  EXPECT_EQ(a.deposed_key, "0000000a");
  EXPECT_EQ(a.each, "map");
  EXPECT_EQ(a.provider, kProvider);
  ASSERT_TRUE(a.object);
  EXPECT_EQ(*a.object, *r.object);
  const JournalRecord& b = parsed.records[1];
  EXPECT_EQ(b.addr.ToString(), "terraform_data.z[2]");
  EXPECT_EQ(b.depose_current_to, "0000000b");
  EXPECT_FALSE(b.object);
  EXPECT_EQ(parsed.ignored_bytes, 0u);
}

TEST_F(JournalFileTest, TornTailIsIgnoredAndReplayKeepsEveryObject) {
  const fs::path path = dir_ / ".terraform.tfstate.journal";
  State base;
  base.lineage = "L";
  base.serial = 3;
  base.SetCurrent(Addr("terraform_data.old"), Obj("old-1"), kProvider, "");
  Diagnostics d;
  std::unique_ptr<Journal> j = Journal::Create(path.string(), base, d);
  ASSERT_TRUE(j) << d.begin()->detail;
  std::string a = j->Intent(Create("terraform_data.a", ""), nullptr);
  ASSERT_EQ(a.size(), 32u);
  j->Result(Result(a, "terraform_data.a", Obj("a-1")));
  std::string b = j->Intent(Create("terraform_data.b", ""), nullptr);  // in flight at the crash
  JournalRecord del;
  del.action = JournalRecord::Action::kDelete;
  del.addr = Addr("terraform_data.old");
  del.provider = kProvider;
  std::string c = j->Intent(del, nullptr);  // a delete in flight: the object stays
  ASSERT_TRUE(j->Close(false).empty());
  std::string bytes = Read(path);
  bytes += "#J 400 0123";  // a frame the crash cut short

  ParsedJournal parsed = ParseJournal(bytes);
  EXPECT_TRUE(parsed.has_header);
  EXPECT_EQ(parsed.lineage, "L");
  EXPECT_EQ(parsed.serial, 3u);
  ASSERT_EQ(parsed.records.size(), 4u);
  EXPECT_EQ(parsed.ignored_bytes, 11u);

  State replayed = base;
  ReplayJournal(parsed.records, replayed);
  ASSERT_NE(replayed.FindCurrent(Addr("terraform_data.a")), nullptr);
  EXPECT_EQ(replayed.FindCurrent(Addr("terraform_data.a"))->Id(), "a-1");
  const ObjectState* possibly = replayed.FindCurrent(Addr("terraform_data.b"));
  ASSERT_NE(possibly, nullptr);
  EXPECT_EQ(possibly->idempotency_token, b);
  EXPECT_EQ(possibly->status, ObjectState::Status::kTainted);
  ASSERT_NE(replayed.FindCurrent(Addr("terraform_data.old")), nullptr);
  EXPECT_FALSE(c.empty());

  // The file keeps the token where Terraform would see a tainted object.
  std::string file = Text(replayed);
  EXPECT_NE(file.find("\"cairn_idempotency_token\": \"" + b + "\""), std::string::npos) << file;
  ReadStateResult back = ReadStateFile(file);
  ASSERT_TRUE(back.state);
  EXPECT_EQ(back.state->FindCurrent(Addr("terraform_data.b"))->idempotency_token, b);
}

TEST_F(JournalFileTest, CorruptFrameEndsTheJournal) {
  const fs::path path = dir_ / "j";
  Diagnostics d;
  std::unique_ptr<Journal> j = Journal::Create(path.string(), State(), d);
  std::string a = j->Intent(Create("terraform_data.a", ""), nullptr);
  j->Result(Result(a, "terraform_data.a", Obj("a-1")));
  j->Close(false);
  std::string bytes = Read(path);
  size_t last = bytes.rfind("a-1");
  bytes[last] = 'b';  // the checksum no longer matches
  ParsedJournal parsed = ParseJournal(bytes);
  EXPECT_EQ(parsed.records.size(), 1u);
  EXPECT_GT(parsed.ignored_bytes, 0u);
}

TEST(JournalTest, CreateBeforeDestroyKeepsTheOldObjectDeposed) {
  State s;
  s.SetCurrent(Addr("terraform_data.x"), Obj("old"), kProvider, "");
  Journal j(s);
  std::string t = j.Intent(Create("terraform_data.x", ""), nullptr);
  // In flight: a replay moves the old object aside and keeps the new one possibly created.
  State crashed = s;
  ReplayJournal({[&] {
                  JournalRecord r = Create("terraform_data.x", "");
                  r.id = t;
                  return r;
                }()},
                crashed);
  const InstanceState& i = crashed.resources[0].instances[0];
  EXPECT_EQ(i.current->idempotency_token, t);
  ASSERT_EQ(i.deposed.size(), 1u);
  EXPECT_EQ(i.deposed.begin()->second.Id(), "old");
  // Done: one record makes the new object current and deposes the old.
  JournalRecord done = Result(t, "terraform_data.x", Obj("new"));
  done.depose_current_to = t.substr(0, 8);
  j.Result(done);
  State after = j.Snapshot();
  EXPECT_EQ(after.FindCurrent(Addr("terraform_data.x"))->Id(), "new");
  EXPECT_EQ(after.resources[0].instances[0].deposed.at(t.substr(0, 8)).Id(), "old");
}

TEST_F(JournalFileTest, CheckpointCarriesOpenIntents) {
  const fs::path path = dir_ / "j";
  Diagnostics d;
  std::unique_ptr<Journal> j = Journal::Create(path.string(), State(), d);
  std::string a = j->Intent(Create("terraform_data.a", ""), nullptr);
  j->Result(Result(a, "terraform_data.a", Obj("a-1")));
  std::string b = j->Intent(Create("terraform_data.b", ""), nullptr);
  State written;
  Diagnostics c = j->Checkpoint([&](State& s) {
    s.lineage = "L2";
    s.serial = 7;
    written = s;
    return Diagnostics();
  });
  EXPECT_TRUE(c.empty());
  EXPECT_NE(written.FindCurrent(Addr("terraform_data.a")), nullptr);
  j->Close(false);
  ParsedJournal parsed = ParseJournal(Read(path));
  EXPECT_EQ(parsed.lineage, "L2");
  EXPECT_EQ(parsed.serial, 7u);
  ASSERT_EQ(parsed.records.size(), 1u);
  EXPECT_EQ(parsed.records[0].id, b);
}

TEST_F(JournalFileTest, LocalStoreReplaysAJournalItFinds) {
  const fs::path state_path = dir_ / "terraform.tfstate";
  State base;
  {
    LocalStateStore store(state_path.string());
    store.Read();
    base.SetCurrent(Addr("terraform_data.keep"), Obj("k"), kProvider, "");
    ASSERT_TRUE(store.Write(base).empty());
  }
  EXPECT_EQ(JournalPath(state_path.string()), (dir_ / ".terraform.tfstate.journal").string());
  Diagnostics d;
  std::unique_ptr<Journal> j = Journal::Create(JournalPath(state_path.string()), base, d);
  std::string a = j->Intent(Create("terraform_data.a", ""), nullptr);
  j->Result(Result(a, "terraform_data.a", Obj("a-1")));
  j->Intent(Create("terraform_data.b", ""), nullptr);
  j->Close(false);  // the process "dies" here

  LocalStateStore store(state_path.string());
  ReadStateResult read = store.Read();
  ASSERT_TRUE(read.state);
  ASSERT_EQ(read.diagnostics.size(), 1u);
  const Diagnostic& w = *read.diagnostics.begin();
  EXPECT_EQ(w.summary, "Recovered an interrupted apply");
  EXPECT_EQ(w.detail,
            "Cairn found the journal of an apply that did not finish and recorded its 1 "
            "finished operation in the state. 1 object was being created when it stopped: the "
            "next plan asks the provider to find each by its idempotency token, and adopts it "
            "or creates it again.");
  EXPECT_EQ(read.state->FindCurrent(Addr("terraform_data.a"))->Id(), "a-1");
  EXPECT_FALSE(read.state->FindCurrent(Addr("terraform_data.b"))->idempotency_token.empty());
  EXPECT_EQ(read.state->serial, base.serial + 1);
  EXPECT_FALSE(fs::exists(dir_ / ".terraform.tfstate.journal"));
  // Read again: nothing more to recover.
  LocalStateStore again(state_path.string());
  EXPECT_TRUE(again.Read().diagnostics.empty());
}

TEST_F(JournalFileTest, AJournalAlreadyCompactedIsDropped) {
  const fs::path state_path = dir_ / "terraform.tfstate";
  State base;
  {
    LocalStateStore store(state_path.string());
    store.Read();
    base.SetCurrent(Addr("terraform_data.keep"), Obj("k"), kProvider, "");
    ASSERT_TRUE(store.Write(base).empty());
  }
  State older = base;
  older.serial = base.serial - 1;
  Diagnostics d;
  std::unique_ptr<Journal> j = Journal::Create(JournalPath(state_path.string()), older, d);
  std::string a = j->Intent(Create("terraform_data.a", ""), nullptr);
  j->Result(Result(a, "terraform_data.a", Obj("a-1")));
  j->Close(false);
  LocalStateStore store(state_path.string());
  ReadStateResult read = store.Read();
  EXPECT_TRUE(read.diagnostics.empty());
  EXPECT_EQ(read.state->FindCurrent(Addr("terraform_data.a")), nullptr);
  EXPECT_FALSE(fs::exists(dir_ / ".terraform.tfstate.journal"));
}

}  // namespace
}  // namespace cairn::state
