terraform { required_providers {} }
