locals {
}
}
